using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Tests.Builders;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Validation;

/// <summary>强制收费 details.</summary>
public class ForcedFeeRulesTests
{
    [Fact]
    public void Valid_details_are_kept() =>
        Assert.Equal(
            new ForcedFeeDetails("服务升级计划", 3.50m, ADispute.Today.AddDays(-30), false, ADispute.Today.AddDays(60)),
            ADispute.ForcedFee().Create().ForcedFee);

    [Fact]
    public void A_missing_programme_name_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.ForcedFee().WithForcedFee(f => f with { ProgrammeName = null }).Errors(),
            "forcedFee.programmeName", ErrorCodes.Required, "Programme name is required.", "项目名称为必填项。");

    [Fact]
    public void A_programme_name_over_200_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.ForcedFee().WithForcedFee(f => f with { ProgrammeName = new string('计', 201) }).Errors(),
            "forcedFee.programmeName", ErrorCodes.TooLong, "Programme name must be at most 200 characters.", "项目名称不能超过 200 个字符。");

    [Fact]
    public void A_missing_fee_amount_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.ForcedFee().WithForcedFee(f => f with { FeeAmount = null }).Errors(),
            "forcedFee.feeAmount", ErrorCodes.Required, "Fee amount is required.", "收费金额为必填项。");

    [Fact]
    public void An_enrolment_dated_tomorrow_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.ForcedFee().WithForcedFee(f => f with { EnrolledOn = ADispute.Today.AddDays(1), ExitBlockedUntil = null }).Errors(),
            "forcedFee.enrolledOn", ErrorCodes.InFuture, "Enrolled on cannot be in the future.", "加入日期不能晚于今天。");

    [Fact]
    public void An_exit_blocked_until_before_the_enrolment_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.ForcedFee().WithForcedFee(f => f with { ExitBlockedUntil = f.EnrolledOn!.Value.AddDays(-1) }).Errors(),
            "forcedFee.exitBlockedUntil", ErrorCodes.EndBeforeStart,
            "Exit blocked until cannot be earlier than the enrolment date.", "禁止退出至不能早于加入日期。");

    [Fact]
    public void An_exit_blocked_until_the_enrolment_day_is_accepted() =>
        Assert.Empty(ADispute.ForcedFee().WithForcedFee(f => f with { ExitBlockedUntil = f.EnrolledOn }).Errors());

    [Fact]
    public void An_exit_block_without_an_enrolment_date_is_accepted() =>
        Assert.Empty(ADispute.ForcedFee().WithForcedFee(f => f with { EnrolledOn = null }).Errors());

    [Fact]
    public void An_exit_blocked_until_a_date_before_2000_is_rejected()
    {
        var errors = ADispute.ForcedFee().WithForcedFee(f => f with { EnrolledOn = null, ExitBlockedUntil = new DateOnly(1999, 12, 31) }).Errors();

        var error = Assert.Single(errors);
        Assert.Equal(("forcedFee.exitBlockedUntil", ErrorCodes.TooEarly), (error.Field, error.Code));
    }

    [Fact]
    public void An_exit_blocked_until_a_future_date_is_accepted() =>
        Assert.Empty(ADispute.ForcedFee().WithForcedFee(f => f with { ExitBlockedUntil = ADispute.Today.AddYears(1) }).Errors());
}
