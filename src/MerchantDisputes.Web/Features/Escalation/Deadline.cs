using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Web.Features.Disputes;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace MerchantDisputes.Web.Features.Escalation;

/// <summary>
/// The timer a case page counts down to: the platform's RespondBy, the merchant's information deadline, or the
/// moment an untouched answer resolves itself. <see cref="TextKey"/> names the sentence, which takes the deadline as
/// people say it (<see cref="Words"/>): "7 个工作日（2026年10月14日 18:00 前）".
/// </summary>
public sealed record Deadline(string TextKey, DateTimeOffset At, TimeSpan Left)
{
    /// <summary>The window the timer counts; null for a date a mediator chose.</summary>
    public Window? Window { get; init; }

    /// <summary>For a working-day window: working days and office time left.</summary>
    public WorkingTimeLeft? WorkingLeft { get; init; }

    public bool Passed => Left <= TimeSpan.Zero;

    public bool InWorkingDays => Window is { InWorkingDays: true };

    public static Deadline? Of(DisputeDto? dispute, DateTimeOffset now) =>
        dispute is null ? null : Of(dispute.Status, dispute.RespondBy, dispute.DeadlineAt, now);

    /// <summary>The same timer read from the case itself, for what is written as the case changes (e-mails).</summary>
    public static Deadline? Of(Dispute dispute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return Of(dispute.Status, dispute.RespondBy, dispute.DeadlineAt, now);
    }

    private static Deadline? Of(DisputeStatus status, DateTimeOffset? respondBy, DateTimeOffset? deadlineAt, DateTimeOffset now) =>
        (status, respondBy, deadlineAt) switch
        {
            (DisputeStatus.AwaitingPlatform, { } by, _) => new("Deadline.Platform", by, by - now),
            (DisputeStatus.NeedsInfo, _, { } due) => new("Deadline.Merchant", due, due - now),
            (DisputeStatus.PlatformResponded, _, { } due) => new("Deadline.AutoResolve", due, due - now),
            _ => null,
        };

    /// <summary>The deadline with its window, counted on <paramref name="clock"/> when it is in working days.</summary>
    public static Deadline? Of(DisputeDto? dispute, DateTimeOffset now, DeadlineClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Of(dispute, now) is not { } deadline)
        {
            return null;
        }

        Window? window = Domain.Escalation.Window.TryParse(dispute!.DeadlineWindow, out var parsed) ? parsed : null;
        return deadline with
        {
            Window = window,
            WorkingLeft = window is { InWorkingDays: true } ? clock.Left(now, deadline.At) : null,
        };
    }

    /// <summary>
    /// Working days and hours left ("6 个工作日 8 小时") for a working-day window; otherwise whole days and hours
    /// ("2 天 3 小时"), or hours and minutes in the last day. The key names the format.
    /// </summary>
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

        if (WorkingLeft is { WorkingDays: > 0 } working)
        {
            return ("Countdown.WorkingDaysHours", working.WorkingDays, (int)working.Today.TotalHours);
        }

        return Left >= TimeSpan.FromDays(1)
            ? ("Countdown.DaysHours", (int)Left.TotalDays, Left.Hours)
            : ("Countdown.HoursMinutes", (int)Left.TotalHours, Left.Minutes);
    }

    /// <summary>The deadline as people say it: "7 个工作日（2026年10月14日 18:00 前）", "7 天（…前）" or "2026年10月14日 18:00 前".</summary>
    public string Words(IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        // The page (and the API's answer, by its offset) names the zone once; inside the phrase it would be said twice.
        var at = Display.Clock(At);
        return Window switch
        {
            { InWorkingDays: true } w => t["Deadline.WorkingDays", w.WorkingDays, at],
            { } w => t["Deadline.Duration", string.Join(" ", Parts(w.Duration).Select(p => t[p.Key, p.Value].Value)), at],
            null => t["Deadline.By", at],
        };
    }

    /// <summary>The countdown in words ("剩余 6 个工作日 8 小时").</summary>
    public string LeftWords(IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var (key, major, minor) = Remaining();
        return t[key, major, minor];
    }

    /// <summary>A configured window as people say it: "7 个工作日", or its duration in exact units.</summary>
    public static string WindowWords(Window window, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return window.InWorkingDays
            ? t["Duration.WorkingDays", window.WorkingDays]
            : string.Join(" ", Parts(window.Duration).Select(p => t[p.Key, p.Value].Value));
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

/// <summary>A case's deadline in the API, in the caller's language: the window, the instant, both as people say them, and the time left.</summary>
public sealed record DeadlineDto(string? Window, DateTimeOffset At, string Text, int? WorkingDaysLeft, string Left);

/// <summary>Says a case's deadline in the request's language, on the current working-day calendar.</summary>
public sealed class DeadlineWords(CaseTimers timers, TimeProvider clock, IStringLocalizerFactory localizers)
{
    private readonly IStringLocalizer _t = localizers.Create(typeof(SharedResource));

    public Deadline? Of(DisputeDto dispute) => Deadline.Of(dispute, clock.GetUtcNow(), timers.Windows.Clock);

    /// <summary>The answer with <see cref="DisputeDto.DeadlineText"/> filled in.</summary>
    public DisputeDto Said(DisputeDto dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return dispute with { DeadlineText = Of(dispute)?.Words(_t) };
    }

    public DeadlineDto? Dto(DisputeDto dispute) =>
        Of(dispute) is { } d ? new DeadlineDto(d.Window?.ToString(), d.At, d.Words(_t), d.WorkingLeft?.WorkingDays, d.LeftWords(_t)) : null;
}
