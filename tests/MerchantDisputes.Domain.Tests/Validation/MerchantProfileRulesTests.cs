using MerchantDisputes.Domain.Tests.Builders;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Validation;

public class MerchantProfileRulesTests
{
    [Fact]
    public void A_valid_profile_is_kept_with_trimmed_names() =>
        Assert.Equal(
            new MerchantProfile("卢先生", "卢记服装批发", "CN-GD", Gender.Male),
            (AMerchant.Profile() with { DisplayName = " 卢先生 ", StoreName = " 卢记服装批发 " }).Create());

    [Fact]
    public void Gender_is_optional() =>
        Assert.Null((AMerchant.Profile() with { Gender = null }).Create().Gender);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_display_name_is_rejected_with_its_message(string? name) =>
        Rules.AssertSingle(
            (AMerchant.Profile() with { DisplayName = name }).Errors(),
            "displayName", ErrorCodes.Required, "Display name is required.", "姓名为必填项。");

    [Fact]
    public void A_display_name_over_50_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            (AMerchant.Profile() with { DisplayName = new string('卢', 51) }).Errors(),
            "displayName", ErrorCodes.TooLong, "Display name must be at most 50 characters.", "姓名不能超过 50 个字符。");

    [Theory]
    [InlineData("卢\u202E明")]
    [InlineData("卢\u200B明")]
    [InlineData("\uFEFF卢明")]
    public void A_display_name_with_hidden_or_reordering_characters_is_rejected_with_its_message(string name) =>
        Rules.AssertSingle(
            (AMerchant.Profile() with { DisplayName = name }).Errors(),
            "displayName", ErrorCodes.HiddenCharacters,
            "Display name contains invisible or direction-changing characters; please remove them.",
            "姓名含有不可见或改变文字方向的字符，请删除后再提交。");

    [Fact]
    public void A_missing_store_name_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            (AMerchant.Profile() with { StoreName = null }).Errors(),
            "storeName", ErrorCodes.Required, "Store name is required.", "店铺名称为必填项。");

    [Fact]
    public void A_store_name_over_100_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            (AMerchant.Profile() with { StoreName = new string('店', 101) }).Errors(),
            "storeName", ErrorCodes.TooLong, "Store name must be at most 100 characters.", "店铺名称不能超过 100 个字符。");

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_missing_province_is_rejected_with_its_message(string? province) =>
        Rules.AssertSingle(
            (AMerchant.Profile() with { Province = province }).Errors(),
            "province", ErrorCodes.Required, "Province is required.", "所在省份为必填项。");

    [Fact]
    public void An_unknown_province_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            (AMerchant.Profile() with { Province = "CN-XX" }).Errors(),
            "province", ErrorCodes.UnknownProvince,
            "Province: \"CN-XX\" is not a province code (for example CN-GD).",
            "所在省份：“CN-XX”不是有效的省级行政区代码（例如 CN-GD）。");

    [Theory]
    [InlineData("cn-gd")]
    [InlineData(" CN-GD ")]
    [InlineData("Cn-Gd")]
    public void A_province_code_in_any_case_is_accepted_and_normalised(string province) =>
        Assert.Equal("CN-GD", (AMerchant.Profile() with { Province = province }).Create().Province);

    [Fact]
    public void Every_broken_rule_of_a_profile_is_reported_together() =>
        Assert.Equal(
            ["displayName", "storeName", "province"],
            new AMerchant(null, null, "CN-XX", null).Errors().Select(e => e.Field));
}
