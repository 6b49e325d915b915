namespace MerchantDisputes.Domain.Disputes;

/// <summary>仅退款: the platform refunded the buyer from the merchant's money without a return.</summary>
public sealed record RefundOnlyDetails(
    string OrderNumber,
    DateOnly? RuledOn,
    decimal? RefundedAmount,
    LogisticsStatus? LogisticsStatus,
    string? TrackingNumber);

/// <summary>资金冻结: settlement money held back, often "for 36,500 days".</summary>
public sealed record FrozenFundsDetails(
    decimal FrozenAmount,
    DateOnly FrozenSince,
    int? StatedFreezeDays,
    string? ReasonGiven);

/// <summary>强制收费: a programme the merchant never chose, charging a fee, with exit blocked.</summary>
public sealed record ForcedFeeDetails(
    string ProgrammeName,
    decimal FeeAmount,
    DateOnly? EnrolledOn,
    bool ConsentGiven,
    DateOnly? ExitBlockedUntil);
