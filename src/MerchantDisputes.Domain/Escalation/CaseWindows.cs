namespace MerchantDisputes.Domain.Escalation;

/// <summary>The timers of the case life (configuration section "Escalation"), passed in wherever a deadline is set.</summary>
public sealed record CaseWindows(
    TimeSpan PlatformResponse,
    TimeSpan Reminder,
    TimeSpan LegalReview,
    TimeSpan MerchantInfo,
    TimeSpan AutoResolve)
{
    public static CaseWindows Default { get; } = new(
        PlatformResponse: TimeSpan.FromDays(7),
        Reminder: TimeSpan.FromDays(3),
        LegalReview: TimeSpan.FromDays(7),
        MerchantInfo: TimeSpan.FromDays(7),
        AutoResolve: TimeSpan.FromDays(7));
}
