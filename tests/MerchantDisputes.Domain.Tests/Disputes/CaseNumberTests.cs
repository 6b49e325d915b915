using MerchantDisputes.Domain.Disputes;

namespace MerchantDisputes.Domain.Tests.Disputes;

public class CaseNumberTests
{
    [Theory]
    [InlineData(2026, 123, "MD-2026-000123")]
    [InlineData(2026, 1, "MD-2026-000001")]
    [InlineData(2027, 999_999, "MD-2027-999999")]
    [InlineData(2027, 1_000_000, "MD-2027-1000000")]
    public void A_case_number_is_the_year_and_a_six_digit_sequence(int year, long sequence, string expected) =>
        Assert.Equal(expected, CaseNumber.Format(year, sequence));

    [Fact]
    public void A_case_number_fits_its_column() =>
        Assert.True(CaseNumber.Format(9999, 999_999_999).Length <= CaseNumber.MaxLength);
}
