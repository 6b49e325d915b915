namespace MerchantDisputes.Domain.Disputes;

public enum DisputeType
{
    RefundOnly = 1, // 仅退款
    FrozenFunds = 2, // 资金冻结
    ForcedFee = 3, // 强制收费
}

public enum DisputeStatus
{
    Draft = 0,
    Submitted = 1,
    UnderReview = 2,
    NeedsInfo = 3,
    AwaitingPlatform = 4,
    PlatformResponded = 5,
    Resolved = 6,
    Rejected = 7,
    Closed = 8,
    Withdrawn = 9,
}

/// <summary>How far an unanswered case has climbed the ladder; see DESIGN.md "Case life".</summary>
public enum EscalationLevel
{
    None = 0,
    Reminded = 1,
    LegalReview = 2,

    /// <summary>The platform is told the exact date it will be listed unless it answers (a right of reply).</summary>
    FinalNotice = 3,
    PublicNoResponse = 4,
}

/// <summary>消费评级: computed when a case ends, never typed in. Declared worst first.</summary>
public enum CaseRating
{
    NotRated = 0, // 不予评级
    NotRecommended = 1, // 不建议下单
    Caution = 2, // 谨慎下单
    Recommended = 3, // 建议下单
}

public enum LogisticsStatus
{
    NotShipped = 1,
    InTransit = 2,
    Delivered = 3,
    ReturnedUndelivered = 4, // 退回未签收
    Lost = 5,
    Unknown = 6,
}

public enum PlatformOutcome
{
    Reversed = 1,
    PartiallyReversed = 2,
    Upheld = 3,
}
