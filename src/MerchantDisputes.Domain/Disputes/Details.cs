namespace MerchantDisputes.Domain.Disputes;

/// <summary>仅退款: the platform refunded the buyer from the merchant's money without a return.</summary>
public sealed record RefundOnlyDetails(
    string OrderNumber,
    DateOnly? RuledOn,
    decimal? RefundedAmount,
    LogisticsStatus? LogisticsStatus,
    string? TrackingNumber);

/// <summary>资金冻结: settlement money held back, often "for 36,500 days".</summary>
/// <param name="StoreId">The id on the platform of the store whose money is frozen, when the merchant gives it.</param>
public sealed record FrozenFundsDetails(
    decimal FrozenAmount,
    DateOnly FrozenSince,
    int? StatedFreezeDays,
    string? ReasonGiven,
    string? StoreId = null);

/// <summary>强制收费: a programme the merchant never chose, charging a fee, with exit blocked.</summary>
/// <param name="StoreId">The id on the platform of the store enrolled in the programme, when the merchant gives it.</param>
public sealed record ForcedFeeDetails(
    string ProgrammeName,
    decimal FeeAmount,
    DateOnly? EnrolledOn,
    bool ConsentGiven,
    DateOnly? ExitBlockedUntil,
    string? StoreId = null);
