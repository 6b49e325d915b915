namespace MerchantDisputes.Domain.Escalation;

/// <summary>
/// The timers of the case life (configuration section "Escalation"), passed in wherever a deadline is set, with the
/// clock that turns a window into an instant (working-day calendar and office hours).
/// </summary>
public sealed record CaseWindows(
    Window PlatformResponse,
    Window Reminder,
    Window LegalReview,
    Window MerchantInfo,
    Window AutoResolve)
{
    public static CaseWindows Default { get; } = new(
        PlatformResponse: Window.OfWorkingDays(7),
        Reminder: Window.OfWorkingDays(3),
        LegalReview: TimeSpan.FromDays(7),
        MerchantInfo: Window.OfWorkingDays(7),
        AutoResolve: TimeSpan.FromDays(7));

    /// <summary>From the final notice to the public listing (the platform's right of reply).</summary>
    public Window FinalNotice { get; init; } = Window.OfWorkingDays(5);

    public DeadlineClock Clock { get; init; } = DeadlineClock.Default;

    /// <summary>The instant <paramref name="window"/> ends when it starts at <paramref name="start"/>.</summary>
    public DateTimeOffset Due(Window window, DateTimeOffset start) => Clock.Due(window, start);
}
