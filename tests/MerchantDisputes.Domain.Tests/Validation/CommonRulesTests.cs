using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Tests.Builders;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Validation;

/// <summary>The rules every dispute type shares (DisputeContent.Create).</summary>
public class CommonRulesTests
{
    [Fact]
    public void The_default_inputs_of_every_type_are_valid()
    {
        Assert.Empty(ADispute.RefundOnly().Errors());
        Assert.Empty(ADispute.FrozenFunds().Errors());
        Assert.Empty(ADispute.ForcedFee().Errors());
    }

    [Fact]
    public void A_valid_input_becomes_content_with_trimmed_texts()
    {
        var content = ADispute.RefundOnly()
            .WithTitle("  仅退款  ")
            .WithNarrative(" 说明 ")
            .WithDesiredOutcome(" 退还货款 ")
            .Create();

        Assert.Equal(ADispute.Platform.Id, content.PlatformId);
        Assert.Equal(DisputeType.RefundOnly, content.Type);
        Assert.Equal("仅退款", content.Title);
        Assert.Equal("说明", content.Narrative);
        Assert.Equal("退还货款", content.DesiredOutcome);
        Assert.Equal(1_340.70m, content.Amount);
        Assert.NotNull(content.RefundOnly);
        Assert.Null(content.FrozenFunds);
        Assert.Null(content.ForcedFee);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_platform_is_rejected_with_its_message(string? slug) =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithPlatform(slug).Errors(),
            "platform", ErrorCodes.Required, "Platform is required.", "平台为必填项。");

    [Fact]
    public void An_unknown_platform_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithPlatform("nope").ErrorsAgainst(platform: null),
            "platform", ErrorCodes.UnknownPlatform, "Platform: there is no platform \"nope\".", "平台：没有名为“nope”的平台。");

    [Fact]
    public void An_inactive_platform_is_rejected_like_an_unknown_one()
    {
        // No domain method deactivates a platform yet; an admin's change arrives as a stored row.
        var retired = new Platform(99, "retired", "停用平台", "Retired").Set(nameof(Platform.IsActive), false);

        Rules.AssertSingle(
            ADispute.RefundOnly().WithPlatform("retired").ErrorsAgainst(retired),
            "platform", ErrorCodes.UnknownPlatform, "Platform: there is no platform \"retired\".", "平台：没有名为“retired”的平台。");
    }

    [Fact]
    public void A_missing_type_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithType(null).Errors(),
            "type", ErrorCodes.Required, "Dispute type is required.", "纠纷类型为必填项。");

    [Fact]
    public void An_undefined_type_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithType((DisputeType)99).Errors(),
            "type", ErrorCodes.UnknownType,
            "Dispute type must be RefundOnly, FrozenFunds or ForcedFee.",
            "纠纷类型必须是 RefundOnly（仅退款）、FrozenFunds（资金冻结）或 ForcedFee（强制收费）。");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void A_missing_title_is_rejected_with_its_message(string? title) =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithTitle(title).Errors(),
            "title", ErrorCodes.Required, "Title is required.", "标题为必填项。");

    [Fact]
    public void A_title_over_200_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithTitle(Text(201)).Errors(),
            "title", ErrorCodes.TooLong, "Title must be at most 200 characters.", "标题不能超过 200 个字符。");

    [Fact]
    public void A_title_of_exactly_200_characters_is_accepted() =>
        Assert.Empty(ADispute.RefundOnly().WithTitle(Text(200)).Errors());

    [Fact]
    public void A_missing_narrative_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithNarrative(null).Errors(),
            "narrative", ErrorCodes.Required, "Description is required.", "情况说明为必填项。");

    [Fact]
    public void A_narrative_of_5001_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithNarrative(Text(5_001)).Errors(),
            "narrative", ErrorCodes.TooLong, "Description must be at most 5000 characters.", "情况说明不能超过 5000 个字符。");

    [Fact]
    public void A_narrative_of_exactly_5000_characters_is_accepted() =>
        Assert.Empty(ADispute.RefundOnly().WithNarrative(Text(5_000)).Errors());

    [Fact]
    public void Surrounding_spaces_do_not_count_towards_the_length() =>
        Assert.Equal(5_000, ADispute.RefundOnly().WithNarrative("  " + Text(5_000) + "  ").Create().Narrative.Length);

    [Fact]
    public void A_missing_desired_outcome_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithDesiredOutcome("").Errors(),
            "desiredOutcome", ErrorCodes.Required, "Desired outcome is required.", "诉求为必填项。");

    [Fact]
    public void A_desired_outcome_over_1000_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithDesiredOutcome(Text(1_001)).Errors(),
            "desiredOutcome", ErrorCodes.TooLong, "Desired outcome must be at most 1000 characters.", "诉求不能超过 1000 个字符。");

    [Fact]
    public void A_desired_outcome_of_exactly_1000_characters_is_accepted() =>
        Assert.Empty(ADispute.RefundOnly().WithDesiredOutcome(Text(1_000)).Errors());

    [Fact]
    public void A_missing_amount_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithAmount(null).Errors(),
            "amount", ErrorCodes.Required, "Amount is required.", "涉及金额为必填项。");

    [Fact]
    public void A_negative_amount_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithAmount(-0.01m).Errors(),
            "amount", ErrorCodes.Negative, "Amount cannot be negative.", "涉及金额不能为负数。");

    [Fact]
    public void An_amount_with_three_decimals_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithAmount(1.005m).Errors(),
            "amount", ErrorCodes.TooManyDecimals, "Amount can have at most 2 decimal places.", "涉及金额最多保留 2 位小数。");

    [Fact]
    public void An_amount_above_100_million_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithAmount(100_000_000.01m).Errors(),
            "amount", ErrorCodes.AboveMaximum, "Amount cannot exceed 100,000,000.", "涉及金额不能超过 100,000,000。");

    public static TheoryData<decimal> AcceptedAmounts => [0m, 0.01m, 1_340.70m, 100_000_000m, 1.000m];

    [Theory]
    [MemberData(nameof(AcceptedAmounts))]
    public void Amounts_from_0_to_100_million_with_two_decimals_are_accepted(decimal amount) =>
        Assert.Equal(amount, ADispute.RefundOnly().WithAmount(amount).Create().Amount);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_currency_defaults_to_CNY(string? currency) =>
        Assert.Equal("CNY", ADispute.RefundOnly().WithCurrency(currency).Create().Currency);

    [Fact]
    public void A_known_currency_is_kept_trimmed() =>
        Assert.Equal("USD", ADispute.RefundOnly().WithCurrency(" USD ").Create().Currency);

    [Theory]
    [InlineData("XYZ")]
    [InlineData("cny")]
    public void A_currency_that_is_not_an_upper_case_ISO_4217_code_is_rejected_with_its_message(string currency) =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithCurrency(currency).Errors(),
            "currency", ErrorCodes.UnknownCurrency,
            $"Currency: \"{currency}\" is not an ISO 4217 currency code.",
            $"币种：“{currency}”不是 ISO 4217 货币代码。");

    [Fact]
    public void Frozen_funds_details_on_a_refund_only_dispute_are_rejected_with_their_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithFrozenFunds(_ => ADispute.FrozenFunds().FrozenFunds!).Errors(),
            "frozenFunds", ErrorCodes.DetailsForOtherType,
            "Frozen-funds details belong to another dispute type.",
            "资金冻结详情属于其他纠纷类型，不能用于此纠纷。");

    [Fact]
    public void Refund_only_and_forced_fee_details_on_a_frozen_funds_dispute_are_both_rejected()
    {
        var errors = ADispute.FrozenFunds()
            .WithRefundOnly(_ => ADispute.RefundOnly().RefundOnly!)
            .WithForcedFee(_ => ADispute.ForcedFee().ForcedFee!)
            .Errors();

        Assert.Collection(
            errors,
            e => Rules.AssertIs(e, "refundOnly", ErrorCodes.DetailsForOtherType,
                "Refund-only details belong to another dispute type.", "仅退款详情属于其他纠纷类型，不能用于此纠纷。"),
            e => Rules.AssertIs(e, "forcedFee", ErrorCodes.DetailsForOtherType,
                "Forced-fee details belong to another dispute type.", "强制收费详情属于其他纠纷类型，不能用于此纠纷。"));
    }

    [Fact]
    public void Every_broken_rule_is_reported_together()
    {
        var errors = ADispute.RefundOnly()
            .WithTitle(null)
            .WithAmount(-5m)
            .WithRefundOnly(r => r with { RuledOn = ADispute.Today.AddDays(1) })
            .Errors();

        Assert.Equal(["title", "amount", "refundOnly.ruledOn"], errors.Select(e => e.Field));
        Assert.Equal([ErrorCodes.Required, ErrorCodes.Negative, ErrorCodes.InFuture], errors.Select(e => e.Code));
    }

    [Fact]
    public void The_exception_lists_the_broken_rules()
    {
        var input = ADispute.RefundOnly().WithTitle(null).WithAmount(-5m);

        var thrown = Assert.Throws<DomainValidationException>(() => input.Create());

        Assert.Equal(2, thrown.Errors.Count);
        Assert.Equal("title: Required; amount: Negative", thrown.Message);
    }

    private static string Text(int length) => new('字', length);

    [Fact]
    public void A_title_that_reverses_its_text_is_rejected() =>
        Assert.Equal(
            [("title", ErrorCodes.HiddenCharacters)],
            ADispute.RefundOnly().WithTitle("加微信\u202Eabc").Errors().Select(e => (e.Field, e.Code)));

    [Fact]
    public void A_narrative_may_carry_an_emoji_joined_by_U200D_but_no_direction_override() =>
        Assert.Equal(
            [("narrative", ErrorCodes.HiddenCharacters)],
            ADispute.RefundOnly().WithNarrative("一家人 👨\u200D👩\u200D👧 的店\u202E").Errors().Select(e => (e.Field, e.Code)));
}
