using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Builders;

public static class DisputeInputWith
{
    public static DisputeInput WithPlatform(this DisputeInput input, string? slug) => input with { Platform = slug };

    public static DisputeInput WithType(this DisputeInput input, DisputeType? type) => input with { Type = type };

    public static DisputeInput WithTitle(this DisputeInput input, string? title) => input with { Title = title };

    public static DisputeInput WithNarrative(this DisputeInput input, string? narrative) => input with { Narrative = narrative };

    public static DisputeInput WithDesiredOutcome(this DisputeInput input, string? outcome) => input with { DesiredOutcome = outcome };

    public static DisputeInput WithAmount(this DisputeInput input, decimal? amount) => input with { Amount = amount };

    public static DisputeInput WithCurrency(this DisputeInput input, string? currency) => input with { Currency = currency };

    public static DisputeInput WithRefundOnly(this DisputeInput input, Func<RefundOnlyInput, RefundOnlyInput> change) =>
        input with { RefundOnly = change(input.RefundOnly ?? new RefundOnlyInput()) };

    public static DisputeInput WithFrozenFunds(this DisputeInput input, Func<FrozenFundsInput, FrozenFundsInput> change) =>
        input with { FrozenFunds = change(input.FrozenFunds ?? new FrozenFundsInput()) };

    public static DisputeInput WithForcedFee(this DisputeInput input, Func<ForcedFeeInput, ForcedFeeInput> change) =>
        input with { ForcedFee = change(input.ForcedFee ?? new ForcedFeeInput()) };

    /// <summary>Applies the rules against <see cref="ADispute.Platform"/> and <see cref="ADispute.Today"/>.</summary>
    public static DisputeContent Create(this DisputeInput input) => DisputeContent.Create(input, ADispute.Platform, ADispute.Today);

    /// <summary>The broken rules of the input, none when it is valid.</summary>
    public static IReadOnlyList<ValidationError> Errors(this DisputeInput input) => input.ErrorsAgainst(ADispute.Platform);

    public static IReadOnlyList<ValidationError> ErrorsAgainst(this DisputeInput input, Platform? platform) =>
        Rules.Broken(() => DisputeContent.Create(input, platform, ADispute.Today));
}
