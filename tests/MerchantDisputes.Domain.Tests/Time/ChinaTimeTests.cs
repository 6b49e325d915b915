using MerchantDisputes.Domain.Time;

namespace MerchantDisputes.Domain.Tests.Time;

public class ChinaTimeTests
{
    [Fact]
    public void New_Year_in_China_begins_at_16_00_UTC_on_31_December()
    {
        var instant = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2027, 1, 1), ChinaTime.Today(instant));
        Assert.Equal(ChinaTime.StartOfYear(2027), instant);
    }

    [Fact]
    public void A_second_earlier_it_is_still_the_old_year_in_China() =>
        Assert.Equal(new DateOnly(2026, 12, 31), ChinaTime.Today(new DateTimeOffset(2026, 12, 31, 15, 59, 59, TimeSpan.Zero)));

    [Fact]
    public void The_China_date_does_not_depend_on_the_offset_the_instant_was_given_in() =>
        Assert.Equal(
            new DateOnly(2027, 1, 1),
            ChinaTime.Today(new DateTimeOffset(2026, 12, 31, 11, 0, 0, TimeSpan.FromHours(-5))));

    [Fact]
    public void A_month_starts_at_midnight_China_time() =>
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), ChinaTime.StartOfMonth(2026, 3));

    [Fact]
    public void China_time_is_UTC_plus_8() =>
        Assert.Equal(TimeSpan.FromHours(8), ChinaTime.ToChina(DateTimeOffset.UnixEpoch).Offset);
}
