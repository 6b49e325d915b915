using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Tests.Builders;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Validation;

/// <summary>仅退款 details.</summary>
public class RefundOnlyRulesTests
{
    [Fact]
    public void Valid_details_are_kept_with_trimmed_references()
    {
        var details = ADispute.RefundOnly()
            .WithRefundOnly(r => r with { OrderNumber = " 240312-88123 ", TrackingNumber = " SF1234567890 " })
            .Create().RefundOnly!;

        Assert.Equal(
            new RefundOnlyDetails("240312-88123", ADispute.Today.AddDays(-10), 1_340.70m, LogisticsStatus.ReturnedUndelivered, "SF1234567890"),
            details);
    }

    [Fact]
    public void Only_the_order_number_is_required() =>
        Assert.Equal(
            new RefundOnlyDetails("A1", null, null, null, null),
            ADispute.RefundOnly().WithRefundOnly(_ => new RefundOnlyInput { OrderNumber = "A1" }).Create().RefundOnly);

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_missing_order_number_is_rejected_with_its_message(string? orderNumber) =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { OrderNumber = orderNumber }).Errors(),
            "refundOnly.orderNumber", ErrorCodes.Required, "Order number is required.", "订单号为必填项。");

    [Fact]
    public void Missing_refund_only_details_ask_for_the_order_number() =>
        Rules.AssertSingle(
            (ADispute.RefundOnly() with { RefundOnly = null }).Errors(),
            "refundOnly.orderNumber", ErrorCodes.Required, "Order number is required.", "订单号为必填项。");

    [Theory]
    [InlineData("2403 88123")]
    [InlineData("订单88123")]
    [InlineData("-88123")]
    [InlineData("88123/1")]
    public void An_order_number_with_other_characters_is_rejected_with_its_message(string orderNumber) =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { OrderNumber = orderNumber }).Errors(),
            "refundOnly.orderNumber", ErrorCodes.InvalidFormat,
            "Order number may contain only letters, digits, \"-\" and \"_\".",
            "订单号只能包含字母、数字、“-”和“_”。");

    [Fact]
    public void An_order_number_of_65_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { OrderNumber = new string('9', 65) }).Errors(),
            "refundOnly.orderNumber", ErrorCodes.TooLong, "Order number must be at most 64 characters.", "订单号不能超过 64 个字符。");

    [Fact]
    public void An_order_number_of_64_characters_is_accepted() =>
        Assert.Empty(ADispute.RefundOnly().WithRefundOnly(r => r with { OrderNumber = "A_" + new string('9', 62) }).Errors());

    [Fact]
    public void A_ruling_dated_tomorrow_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { RuledOn = ADispute.Today.AddDays(1) }).Errors(),
            "refundOnly.ruledOn", ErrorCodes.InFuture, "Ruling date cannot be in the future.", "判定日期不能晚于今天。");

    [Fact]
    public void A_ruling_dated_before_2000_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { RuledOn = DateOnly.MinValue }).Errors(),
            "refundOnly.ruledOn", ErrorCodes.TooEarly, "Ruling date cannot be before 1 January 2000.", "判定日期不能早于2000年1月1日。");

    [Fact]
    public void A_ruling_dated_today_is_accepted() =>
        Assert.Empty(ADispute.RefundOnly().WithRefundOnly(r => r with { RuledOn = ADispute.Today }).Errors());

    [Fact]
    public void A_refunded_amount_with_three_decimals_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { RefundedAmount = 1.005m }).Errors(),
            "refundOnly.refundedAmount", ErrorCodes.TooManyDecimals,
            "Refunded amount can have at most 2 decimal places.", "退款金额最多保留 2 位小数。");

    [Fact]
    public void A_negative_refunded_amount_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { RefundedAmount = -1m }).Errors(),
            "refundOnly.refundedAmount", ErrorCodes.Negative, "Refunded amount cannot be negative.", "退款金额不能为负数。");

    [Fact]
    public void An_undefined_logistics_status_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { LogisticsStatus = (LogisticsStatus)99 }).Errors(),
            "refundOnly.logisticsStatus", ErrorCodes.InvalidValue, "Logistics status has a value that is not allowed.", "物流状态的取值无效。");

    [Fact]
    public void A_tracking_number_with_a_space_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { TrackingNumber = "SF 1234567890" }).Errors(),
            "refundOnly.trackingNumber", ErrorCodes.InvalidFormat,
            "Tracking number may contain only letters, digits, \"-\" and \"_\".",
            "运单号只能包含字母、数字、“-”和“_”。");

    [Fact]
    public void A_tracking_number_of_65_characters_is_rejected_with_its_message() =>
        Rules.AssertSingle(
            ADispute.RefundOnly().WithRefundOnly(r => r with { TrackingNumber = new string('7', 65) }).Errors(),
            "refundOnly.trackingNumber", ErrorCodes.TooLong, "Tracking number must be at most 64 characters.", "运单号不能超过 64 个字符。");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_tracking_number_counts_as_none(string trackingNumber) =>
        Assert.Null(ADispute.RefundOnly().WithRefundOnly(r => r with { TrackingNumber = trackingNumber }).Create().RefundOnly!.TrackingNumber);
}
