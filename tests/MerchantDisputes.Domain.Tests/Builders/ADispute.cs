using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Platforms;

namespace MerchantDisputes.Domain.Tests.Builders;

/// <summary>Valid dispute inputs modelled on the 2024 cases of DESIGN.md; tests change one thing with a With… method.</summary>
public static class ADispute
{
    /// <summary>The "today" every rule is checked against, so dates in tests never depend on the machine clock.</summary>
    public static readonly DateOnly Today = new(2026, 3, 15);

    /// <summary>1688, the platform the default inputs name.</summary>
    public static Platform Platform { get; } = Platform.Seed[0];

    public static DisputeInput RefundOnly() => Common(DisputeType.RefundOnly) with
    {
        Title = "包裹退回未签收却被仅退款",
        Amount = 1_340.70m,
        RefundOnly = new RefundOnlyInput
        {
            OrderNumber = "240312-88123",
            RuledOn = Today.AddDays(-10),
            RefundedAmount = 1_340.70m,
            LogisticsStatus = LogisticsStatus.ReturnedUndelivered,
            TrackingNumber = "SF1234567890",
        },
    };

    public static DisputeInput FrozenFunds() => Common(DisputeType.FrozenFunds) with
    {
        Title = "货款被冻结 36500 天",
        Amount = 52_000m,
        FrozenFunds = new FrozenFundsInput
        {
            FrozenAmount = 52_000m,
            FrozenSince = Today.AddMonths(-2),
            StatedFreezeDays = 36_500,
            ReasonGiven = "店铺关闭超过一个月",
        },
    };

    public static DisputeInput ForcedFee() => Common(DisputeType.ForcedFee) with
    {
        Title = "协议被默认升级并按单收费",
        Amount = 860m,
        ForcedFee = new ForcedFeeInput
        {
            ProgrammeName = "服务升级计划",
            FeeAmount = 3.50m,
            EnrolledOn = Today.AddDays(-30),
            ConsentGiven = false,
            ExitBlockedUntil = Today.AddDays(60),
        },
    };

    private static DisputeInput Common(DisputeType type) => new()
    {
        Platform = "1688",
        Type = type,
        TitleIsPublic = false,
        Narrative = "平台的判定没有考虑我们提交的物流记录。",
        Currency = "CNY",
        DesiredOutcome = "撤销判定并退还货款",
    };
}
