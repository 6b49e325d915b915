namespace MerchantDisputes.Domain.Disputes;

/// <summary>Everything that can happen to a case. Each has rows in <see cref="DisputeStateMachine"/>.</summary>
public enum DisputeAction
{
    EditDraft,
    Submit,
    Withdraw,
    Claim,
    RequestInfo,
    ProvideInfo,
    Reject,
    Forward,
    PlatformRespond,
    Accept,
    Contest,
    Close,
    Rate,
    Escalate,
    ExpireInfoRequest,
    AutoResolve,
}
