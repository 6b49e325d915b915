using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Features.Disputes;

namespace MerchantDisputes.Web.Features.Escalation;

/// <summary>
/// The timer a case page counts down to: the platform's RespondBy, the merchant's information deadline, or the
/// moment an untouched answer resolves itself. <see cref="TextKey"/> names the sentence, which takes the instant.
/// </summary>
public sealed record Deadline(string TextKey, DateTimeOffset At, TimeSpan Left)
{
    public bool Passed => Left <= TimeSpan.Zero;

    public static Deadline? Of(DisputeDto? dispute, DateTimeOffset now) => dispute switch
    {
        { Status: DisputeStatus.AwaitingPlatform, RespondBy: { } respondBy } => new("Deadline.Platform", respondBy, respondBy - now),
        { Status: DisputeStatus.NeedsInfo, DeadlineAt: { } due } => new("Deadline.Merchant", due, due - now),
        { Status: DisputeStatus.PlatformResponded, DeadlineAt: { } due } => new("Deadline.AutoResolve", due, due - now),
        _ => null,
    };

    /// <summary>Whole days and hours left ("2 天 3 小时"), or hours and minutes in the last day; the key names the format.</summary>
    public (string Key, int Major, int Minor) Remaining()
    {
        if (Passed)
        {
            return ("Countdown.Passed", 0, 0);
        }

        if (Left < TimeSpan.FromMinutes(1))
        {
            return ("Countdown.UnderAMinute", 0, 0);
        }

        return Left >= TimeSpan.FromDays(1)
            ? ("Countdown.DaysHours", (int)Left.TotalDays, Left.Hours)
            : ("Countdown.HoursMinutes", (int)Left.TotalHours, Left.Minutes);
    }

    /// <summary>
    /// A window as people say it, exactly, largest unit first and zero units left out: 7 天, 1 天 12 小时,
    /// 1 分钟, 2 秒 (a configured window is never rounded to a unit it is not).
    /// </summary>
    public static IEnumerable<(string Key, int Value)> Parts(TimeSpan window)
    {
        (string Key, int Value)[] parts =
        [
            ("Duration.Days", window.Days), ("Duration.Hours", window.Hours),
            ("Duration.Minutes", window.Minutes), ("Duration.Seconds", window.Seconds),
        ];
        var named = parts.Where(p => p.Value > 0).ToArray();
        return named.Length > 0 ? named : [("Duration.Seconds", 0)];
    }
}
