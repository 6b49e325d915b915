using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Time;

namespace MerchantDisputes.Domain.Tests.Time;

/// <summary>The China working-day calendar over 2024–2026, on the shipped State Council data (holiday-cn).</summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Embedded;
    private static readonly DeadlineClock Clock = DeadlineClock.Default;

    [Theory]
    // Spring Festival: the holidays, and the 调休 Sundays and Saturdays that are worked.
    [InlineData("2024-02-04", true)] // Sunday, worked
    [InlineData("2024-02-12", false)] // Monday, holiday
    [InlineData("2024-02-18", true)] // Sunday, worked
    [InlineData("2025-01-26", true)] // Sunday, worked
    [InlineData("2025-02-04", false)] // Tuesday, holiday
    [InlineData("2025-02-08", true)] // Saturday, worked
    [InlineData("2026-02-14", true)] // Saturday, worked
    [InlineData("2026-02-23", false)] // Monday, holiday
    [InlineData("2026-02-28", true)] // Saturday, worked
    // National Day.
    [InlineData("2024-09-29", true)] // Sunday, worked
    [InlineData("2024-10-07", false)] // Monday, holiday
    [InlineData("2024-10-12", true)] // Saturday, worked
    [InlineData("2025-09-28", true)] // Sunday, worked
    [InlineData("2025-10-08", false)] // Wednesday, holiday
    [InlineData("2025-10-11", true)] // Saturday, worked
    [InlineData("2026-09-20", true)] // Sunday, worked
    [InlineData("2026-10-07", false)] // Wednesday, holiday
    [InlineData("2026-10-10", true)] // Saturday, worked
    // Ordinary weeks.
    [InlineData("2026-03-04", true)] // Wednesday
    [InlineData("2026-03-07", false)] // Saturday
    public void Holidays_are_off_and_adjusted_weekend_days_are_worked(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Every_day_of_the_shipped_notices_counts_as_published()
    {
        var days = ChinaHolidayData.Embedded.Days.Where(d => d.Date.Year is >= 2024 and <= 2026).ToList();

        Assert.True(days.Count > 90);
        Assert.All(days, d => Assert.Equal(!d.IsOffDay, Calendar.IsWorkingDay(d.Date)));
    }

    [Fact]
    public void Seven_working_days_from_30_September_2025_end_on_16_October_at_18_00_counting_the_worked_Saturday()
    {
        var start = new DateTimeOffset(2025, 9, 30, 10, 0, 0, ChinaTime.Offset);

        var due = Clock.Due(Window.OfWorkingDays(7), start);

        Assert.Equal(new DateTimeOffset(2025, 10, 16, 18, 0, 0, ChinaTime.Offset), due);
    }

    [Fact]
    public void Seven_working_days_from_29_September_2026_end_on_14_October_at_18_00()
    {
        var due = Clock.Due(Window.OfWorkingDays(7), new DateTimeOffset(2026, 9, 29, 15, 0, 0, ChinaTime.Offset));

        Assert.Equal(new DateTimeOffset(2026, 10, 14, 18, 0, 0, ChinaTime.Offset), due);
    }

    [Fact]
    public void A_deadline_across_the_year_end_reads_both_years_notices()
    {
        // 2026's notice: 1–3 January off, Sunday 4 January worked. Counted on 2025's file alone, 1 and 2 January
        // would be working days and the fifth working day 5 January.
        var due = Clock.Due(Window.OfWorkingDays(5), new DateTimeOffset(2025, 12, 29, 11, 0, 0, ChinaTime.Offset));

        Assert.Equal(new DateTimeOffset(2026, 1, 6, 18, 0, 0, ChinaTime.Offset), due);
    }

    [Fact]
    public void A_year_without_data_is_reported_from_1_December_of_the_year_before()
    {
        Assert.True(Calendar.HasYear(2026));
        Assert.False(Calendar.HasYear(2027));
        Assert.Null(Calendar.MissingYear(new DateOnly(2026, 11, 30)));
        Assert.Equal(2027, Calendar.MissingYear(new DateOnly(2026, 12, 1)));
        Assert.Equal(2028, Calendar.MissingYear(new DateOnly(2028, 3, 1)));
    }

    [Fact]
    public void An_admins_days_make_the_year_known_and_override_the_shipped_ones()
    {
        var corrected = Calendar.With([new CalendarDay(new DateOnly(2027, 1, 1), true, "元旦"), new CalendarDay(new DateOnly(2026, 3, 4), true, "测试")]);

        Assert.True(corrected.HasYear(2027));
        Assert.False(corrected.IsWorkingDay(new DateOnly(2026, 3, 4)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 3, 4)));
    }

    [Fact]
    public void A_duration_window_is_calendar_time()
    {
        var start = new DateTimeOffset(2026, 9, 30, 10, 0, 0, ChinaTime.Offset);

        Assert.Equal(start.AddDays(7), Clock.Due(Window.Parse("7.00:00:00"), start));
    }

    [Theory]
    [InlineData("2026-10-14T18:00:00+08:00", "2026-10-15T09:00:00+08:00")] // at the close: the next morning
    [InlineData("2026-09-30T20:00:00+08:00", "2026-10-08T09:00:00+08:00")] // eve of National Day: after the holiday
    [InlineData("2026-10-10T07:30:00+08:00", "2026-10-10T09:00:00+08:00")] // a worked Saturday, before opening
    [InlineData("2026-10-13T11:00:00+08:00", "2026-10-13T11:00:00+08:00")] // in office hours: at once
    public void Notices_wait_for_office_hours_on_a_working_day(string at, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Clock.NextOpen(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Time_left_counts_working_days_after_today_and_office_time_today()
    {
        var due = new DateTimeOffset(2026, 10, 14, 18, 0, 0, ChinaTime.Offset);

        var left = Clock.Left(new DateTimeOffset(2026, 9, 29, 10, 0, 0, ChinaTime.Offset), due);

        Assert.Equal(new WorkingTimeLeft(7, TimeSpan.FromHours(8)), left);
        Assert.Equal(new WorkingTimeLeft(6, TimeSpan.Zero), Clock.Left(new DateTimeOffset(2026, 10, 3, 10, 0, 0, ChinaTime.Offset), due));
    }

    [Theory]
    [InlineData("7wd", 7, 0)]
    [InlineData(" 3WD ", 3, 0)]
    [InlineData("7.00:00:00", 0, 7)]
    public void A_window_is_working_days_or_a_duration(string text, int workingDays, int days)
    {
        var window = Window.Parse(text);

        Assert.Equal(workingDays, window.WorkingDays);
        Assert.Equal(TimeSpan.FromDays(days), window.Duration);
    }

    [Theory]
    [InlineData("0wd")]
    [InlineData("-1wd")]
    [InlineData("7 days")]
    [InlineData("00:00:00")]
    [InlineData("")]
    public void Nonsense_is_not_a_window(string text) => Assert.False(Window.TryParse(text, out _));
}
