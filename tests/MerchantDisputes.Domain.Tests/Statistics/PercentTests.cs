using MerchantDisputes.Domain.Statistics;

namespace MerchantDisputes.Domain.Tests.Statistics;

public class PercentTests
{
    [Theory]
    [InlineData(22, 76, "28.95")] // DESIGN.md: 28.947…
    [InlineData(1, 800, "0.12")] // DESIGN.md: 0.125, a half, goes to the even 2
    [InlineData(1, 3, "33.33")]
    [InlineData(2, 3, "66.67")]
    [InlineData(0, 7, "0")]
    [InlineData(7, 7, "100")]
    public void A_share_is_count_over_total_times_100_to_two_decimals(long count, long total, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Percent.Of(count, total));

    [Theory]
    [InlineData(1, 32, "3.12")] // 3.125 → down to the even 2
    [InlineData(3, 32, "9.38")] // 9.375 → up to the even 8
    [InlineData(5, 32, "15.62")] // 15.625 → down to the even 2
    [InlineData(7, 32, "21.88")] // 21.875 → up to the even 8
    [InlineData(1, 800, "0.12")] // 0.125 → down
    [InlineData(3, 800, "0.38")] // 0.375 → up
    [InlineData(1, 8000, "0.01")] // 0.0125 is below the half: down, whatever the rule
    [InlineData(1, 1600, "0.06")] // 0.0625 → 0.06 (ties to even, 6)
    [InlineData(3, 1600, "0.19")] // 0.1875 is above the half: up
    public void A_third_decimal_of_exactly_5_rounds_to_the_even_neighbour(long count, long total, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Percent.Of(count, total));

    [Theory]
    [InlineData(1, 400, "0.25")]
    [InlineData(1, 16, "6.25")]
    [InlineData(1, 8, "12.5")]
    public void Shares_that_end_within_two_decimals_are_exact(long count, long total, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Percent.Of(count, total));

    [Fact]
    public void Away_from_zero_would_have_given_a_different_answer_so_the_rule_is_really_half_to_even()
    {
        Assert.Equal(3.13m, Math.Round(3.125m, 2, MidpointRounding.AwayFromZero));
        Assert.Equal(3.12m, Percent.Of(1, 32));
    }

    [Fact]
    public void Rows_are_rounded_on_their_own_so_a_column_may_not_add_up_to_100()
    {
        // 1/3 + 1/3 + 1/3 → 33.33 × 3 = 99.99, as the printed reports show it.
        Assert.Equal(99.99m, Percent.Of(1, 3) * 3);
    }

    [Fact]
    public void Nothing_out_of_nothing_is_0_percent_and_a_rate_over_nothing_is_unknown()
    {
        Assert.Equal(0m, Percent.Of(0, 0));
        Assert.Null(Percent.Rate(0, 0));
        Assert.Equal(50m, Percent.Rate(1, 2));
    }

    [Fact]
    public void Large_counts_stay_exact()
    {
        Assert.Equal(33.33m, Percent.Of(1_000_000, 3_000_000));
        Assert.Equal(0.12m, Percent.Of(1_250_000_000L, 1_000_000_000_000L)); // 0.125
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(1, -1)]
    public void A_count_outside_its_total_is_a_programming_error(long count, long total) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percent.Of(count, total));
}
