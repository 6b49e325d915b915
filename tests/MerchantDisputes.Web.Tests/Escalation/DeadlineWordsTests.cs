using MerchantDisputes.Web.Features.Escalation;

namespace MerchantDisputes.Web.Tests.Escalation;

/// <summary>Windows and countdowns read as exactly what they are: 1 minute is not "1 小时", 1.5 days not "1 天".</summary>
public sealed class DeadlineWordsTests
{
    [Theory]
    [InlineData("7.00:00:00", "Duration.Days=7")]
    [InlineData("1.12:00:00", "Duration.Days=1 Duration.Hours=12")]
    [InlineData("00:01:00", "Duration.Minutes=1")]
    [InlineData("01:30:00", "Duration.Hours=1 Duration.Minutes=30")]
    [InlineData("00:00:02", "Duration.Seconds=2")]
    [InlineData("3.00:00:30", "Duration.Days=3 Duration.Seconds=30")]
    public void A_window_is_named_exactly_in_its_units(string window, string expected)
    {
        var parts = Deadline.Parts(TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, string.Join(" ", parts.Select(p => $"{p.Key}={p.Value}")));
    }

    [Theory]
    [InlineData(59, "Countdown.UnderAMinute")]
    [InlineData(60, "Countdown.HoursMinutes")]
    [InlineData(0, "Countdown.Passed")]
    public void The_countdown_never_reads_zero_hours_zero_minutes_while_time_is_left(int secondsLeft, string key)
    {
        var now = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        var deadline = new Deadline("Deadline.Platform", now.AddSeconds(secondsLeft), TimeSpan.FromSeconds(secondsLeft));

        Assert.Equal(key, deadline.Remaining().Key);
    }
}
