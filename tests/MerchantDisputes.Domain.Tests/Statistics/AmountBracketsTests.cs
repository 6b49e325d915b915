using MerchantDisputes.Domain.Statistics;

namespace MerchantDisputes.Domain.Tests.Statistics;

public class AmountBracketsTests
{
    [Theory]
    [InlineData("0", AmountBracket.Under100)]
    [InlineData("99.99", AmountBracket.Under100)]
    [InlineData("100.00", AmountBracket.From100To500)]
    [InlineData("499.99", AmountBracket.From100To500)]
    [InlineData("500", AmountBracket.From500To1000)]
    [InlineData("1000", AmountBracket.From1000To5000)]
    [InlineData("1340.70", AmountBracket.From1000To5000)]
    [InlineData("5000", AmountBracket.From5000To10000)]
    [InlineData("9999.99", AmountBracket.From5000To10000)]
    [InlineData("10000", AmountBracket.From10000)]
    [InlineData("100000000", AmountBracket.From10000)]
    public void A_bracket_includes_its_lower_bound_and_excludes_its_upper(string amount, AmountBracket expected) =>
        Assert.Equal(expected, AmountBrackets.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_brackets_are_those_of_the_reports_and_leave_no_gap()
    {
        Assert.Equal([0m, 100m, 500m, 1_000m, 5_000m, 10_000m], AmountBrackets.All.Select(AmountBrackets.LowerBound));
        foreach (var bracket in AmountBrackets.All.SkipLast(1))
        {
            Assert.Equal(AmountBrackets.LowerBound(bracket + 1), AmountBrackets.UpperBound(bracket));
        }

        Assert.Null(AmountBrackets.UpperBound(AmountBracket.From10000));
    }
}
