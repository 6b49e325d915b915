using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Tests.Builders;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Validation;

/// <summary>资金冻结 details.</summary>
public class FrozenFundsRulesTests
{
    [Fact]
    public void Valid_details_are_kept() =>
        Assert.Equal(
            new FrozenFundsDetails(52_000m, ADispute.Today.AddMonths(-2), 36_500, "店铺关闭超过一个月"),
            ADispute.FrozenFunds().Create().FrozenFunds);

    [Fact]
    public void A_missing_frozen_amount_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.FrozenFunds().WithFrozenFunds(f => f with { FrozenAmount = null }).Errors(),
            "frozenFunds.frozenAmount", ErrorCodes.Required, "Frozen amount is required.", "冻结金额为必填项。");

    [Fact]
    public void A_frozen_amount_above_100_million_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.FrozenFunds().WithFrozenFunds(f => f with { FrozenAmount = 100_000_001m }).Errors(),
            "frozenFunds.frozenAmount", ErrorCodes.AboveMaximum, "Frozen amount cannot exceed 100,000,000.", "冻结金额不能超过 100,000,000。");

    [Fact]
    public void A_missing_frozen_since_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.FrozenFunds().WithFrozenFunds(f => f with { FrozenSince = null }).Errors(),
            "frozenFunds.frozenSince", ErrorCodes.Required, "Frozen since is required.", "冻结开始日期为必填项。");

    [Fact]
    public void Funds_frozen_since_tomorrow_are_rejected_with_their_message() =>
        Rules.AssertSingle(
            ADispute.FrozenFunds().WithFrozenFunds(f => f with { FrozenSince = ADispute.Today.AddDays(1) }).Errors(),
            "frozenFunds.frozenSince", ErrorCodes.InFuture, "Frozen since cannot be in the future.", "冻结开始日期不能晚于今天。");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void A_stated_freeze_length_outside_1_to_a_million_days_is_rejected_with_its_message(int days) =>
        Rules.AssertSingle(
            ADispute.FrozenFunds().WithFrozenFunds(f => f with { StatedFreezeDays = days }).Errors(),
            "frozenFunds.statedFreezeDays", ErrorCodes.OutOfRange,
            "Stated freeze length (days) must be between 1 and 1000000.", "声明冻结天数必须在 1 到 1000000 之间。");

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(36_500)]
    [InlineData(1_000_000)]
    public void A_stated_freeze_length_of_36500_days_and_the_bounds_are_accepted(int? days) =>
        Assert.Equal(days, ADispute.FrozenFunds().WithFrozenFunds(f => f with { StatedFreezeDays = days }).Create().FrozenFunds!.StatedFreezeDays);

    [Fact]
    public void A_reason_over_1000_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.FrozenFunds().WithFrozenFunds(f => f with { ReasonGiven = new string('因', 1_001) }).Errors(),
            "frozenFunds.reasonGiven", ErrorCodes.TooLong, "Reason given must be at most 1000 characters.", "平台给出的理由不能超过 1000 个字符。");

    [Fact]
    public void Missing_frozen_funds_details_ask_for_amount_and_date() =>
        Assert.Equal(
            ["frozenFunds.frozenAmount", "frozenFunds.frozenSince"],
            (ADispute.FrozenFunds() with { FrozenFunds = null }).Errors().Select(e => e.Field));
}
