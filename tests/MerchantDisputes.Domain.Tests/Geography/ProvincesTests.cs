using System.Text.RegularExpressions;
using MerchantDisputes.Domain.Geography;

namespace MerchantDisputes.Domain.Tests.Geography;

public class ProvincesTests
{
    [Fact]
    public void There_are_exactly_34_provincial_level_divisions() =>
        Assert.Equal(34, Provinces.All.Count);

    [Fact]
    public void Province_codes_are_unique() =>
        Assert.Equal(34, Provinces.All.Select(p => p.Code.ToUpperInvariant()).Distinct().Count());

    [Fact]
    public void Province_codes_are_ISO_3166_2_CN_codes() =>
        Assert.All(Provinces.All, p => Assert.Matches(new Regex("^CN-[A-Z]{2}$"), p.Code));

    [Fact]
    public void CN_GD_is_Guangdong()
    {
        var guangdong = Provinces.Find("CN-GD");

        Assert.NotNull(guangdong);
        Assert.Equal("广东省", guangdong.NameZh);
        Assert.Equal("广东省", guangdong.Name(Rules.Zh));
        Assert.Equal("Guangdong", guangdong.Name(Rules.En));
    }

    [Theory]
    [InlineData("cn-zj", "浙江省")]
    [InlineData(" CN-BJ ", "北京市")]
    public void A_code_is_found_whatever_its_case_and_spaces(string code, string nameZh) =>
        Assert.Equal(nameZh, Provinces.Find(code)?.NameZh);

    [Fact]
    public void An_unknown_code_finds_nothing() =>
        Assert.Null(Provinces.Find("CN-XX"));
}
