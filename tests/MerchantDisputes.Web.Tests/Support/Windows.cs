using MerchantDisputes.Domain.Escalation;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>Moving a fake clock to where a window ends, as the app counts it (working days or a duration).</summary>
public static class WindowClock
{
    /// <summary>The windows as plain calendar durations (the defaults before working days), for fixtures that reason in days.</summary>
    public static CaseWindows Durations { get; } = new(
        PlatformResponse: TimeSpan.FromDays(7),
        Reminder: TimeSpan.FromDays(3),
        LegalReview: TimeSpan.FromDays(7),
        MerchantInfo: TimeSpan.FromDays(7),
        AutoResolve: TimeSpan.FromDays(7))
    {
        FinalNotice = TimeSpan.FromDays(5),
    };

    /// <summary>Sets the clock to the end of <paramref name="window"/> started now, on the default calendar.</summary>
    public static DateTimeOffset AdvanceTo(this FakeTimeProvider clock, Window window)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var due = CaseWindows.Default.Due(window, clock.GetUtcNow());
        clock.SetUtcNow(due);
        return due;
    }
}
