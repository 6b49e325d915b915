namespace MerchantDisputes.Domain.Disputes;

/// <summary>What a merchant typed, before any rule is applied. Every field may be missing.</summary>
public sealed record DisputeInput
{
    public string? Platform { get; init; }
    public DisputeType? Type { get; init; }
    public string? Title { get; init; }
    public bool TitleIsPublic { get; init; }
    public string? Narrative { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public string? DesiredOutcome { get; init; }
    public RefundOnlyInput? RefundOnly { get; init; }
    public FrozenFundsInput? FrozenFunds { get; init; }
    public ForcedFeeInput? ForcedFee { get; init; }
}

public sealed record RefundOnlyInput
{
    public string? OrderNumber { get; init; }
    public DateOnly? RuledOn { get; init; }
    public decimal? RefundedAmount { get; init; }
    public LogisticsStatus? LogisticsStatus { get; init; }
    public string? TrackingNumber { get; init; }
}

public sealed record FrozenFundsInput
{
    public decimal? FrozenAmount { get; init; }
    public DateOnly? FrozenSince { get; init; }
    public int? StatedFreezeDays { get; init; }
    public string? ReasonGiven { get; init; }
    public string? StoreId { get; init; }
}

public sealed record ForcedFeeInput
{
    public string? ProgrammeName { get; init; }
    public decimal? FeeAmount { get; init; }
    public DateOnly? EnrolledOn { get; init; }
    public bool ConsentGiven { get; init; }
    public DateOnly? ExitBlockedUntil { get; init; }
    public string? StoreId { get; init; }
}
