using System.Text.RegularExpressions;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Disputes;

/// <summary>The merchant-written part of a dispute, valid by construction.</summary>
public sealed partial record DisputeContent(
    int PlatformId,
    DisputeType Type,
    string Title,
    bool TitleIsPublic,
    string Narrative,
    decimal Amount,
    string Currency,
    string DesiredOutcome,
    RefundOnlyDetails? RefundOnly,
    FrozenFundsDetails? FrozenFunds,
    ForcedFeeDetails? ForcedFee)
{
    public const int TitleMaxLength = 200;
    public const int NarrativeMaxLength = 5_000;
    public const int DesiredOutcomeMaxLength = 1_000;
    public const int ReferenceMaxLength = 64;
    public const int ProgrammeNameMaxLength = 200;
    public const int ReasonMaxLength = 1_000;
    public const int MaxFreezeDays = 1_000_000;

    /// <summary>Applies every rule; throws <see cref="DomainValidationException"/> listing all that failed.</summary>
    /// <param name="platform">The platform the slug names, or null when no active platform has it.</param>
    public static DisputeContent Create(DisputeInput input, Platform? platform, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        CheckPlatform(errors, input.Platform, platform);
        if (input.Type is { } t && !Enum.IsDefined(t))
        {
            errors.Add("type", ErrorCodes.UnknownType);
        }
        else if (input.Type is null)
        {
            errors.Add("type", ErrorCodes.Required);
        }

        errors.RequireText("title", input.Title, TitleMaxLength);
        errors.VisibleName("title", input.Title);
        errors.RequireText("narrative", input.Narrative, NarrativeMaxLength);
        errors.RequireText("desiredOutcome", input.DesiredOutcome, DesiredOutcomeMaxLength);
        errors.Money("amount", input.Amount, required: true);
        var currency = CheckCurrency(errors, input.Currency);
        var details = CheckDetails(errors, input, today);
        errors.ThrowIfAny();

        return new DisputeContent(
            platform!.Id,
            input.Type!.Value,
            input.Title!.Trim(),
            input.TitleIsPublic,
            input.Narrative!.Trim(),
            input.Amount!.Value,
            currency,
            input.DesiredOutcome!.Trim(),
            details.RefundOnly,
            details.FrozenFunds,
            details.ForcedFee);
    }

    private static void CheckPlatform(ValidationErrors errors, string? slug, Platform? platform)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            errors.Add("platform", ErrorCodes.Required);
        }
        else if (platform is null || !platform.IsActive)
        {
            errors.Add("platform", ErrorCodes.UnknownPlatform, slug);
        }
    }

    private static string CheckCurrency(ValidationErrors errors, string? currency)
    {
        if (string.IsNullOrWhiteSpace(currency))
        {
            return Currencies.Default;
        }

        var code = currency.Trim();
        if (!Currencies.IsKnown(code))
        {
            errors.Add("currency", ErrorCodes.UnknownCurrency, currency);
        }

        return code;
    }

    private static (RefundOnlyDetails? RefundOnly, FrozenFundsDetails? FrozenFunds, ForcedFeeDetails? ForcedFee)
        CheckDetails(ValidationErrors errors, DisputeInput input, DateOnly today)
    {
        CheckNoForeignDetails(errors, input);
        return input.Type switch
        {
            DisputeType.RefundOnly => (CheckRefundOnly(errors, input.RefundOnly, today), null, null),
            DisputeType.FrozenFunds => (null, CheckFrozenFunds(errors, input.FrozenFunds, today), null),
            DisputeType.ForcedFee => (null, null, CheckForcedFee(errors, input.ForcedFee, today)),
            _ => (null, null, null),
        };
    }

    private static void CheckNoForeignDetails(ValidationErrors errors, DisputeInput input)
    {
        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            return;
        }

        if (input.RefundOnly is not null && type != DisputeType.RefundOnly)
        {
            errors.Add("refundOnly", ErrorCodes.DetailsForOtherType);
        }

        if (input.FrozenFunds is not null && type != DisputeType.FrozenFunds)
        {
            errors.Add("frozenFunds", ErrorCodes.DetailsForOtherType);
        }

        if (input.ForcedFee is not null && type != DisputeType.ForcedFee)
        {
            errors.Add("forcedFee", ErrorCodes.DetailsForOtherType);
        }
    }

    private static RefundOnlyDetails? CheckRefundOnly(ValidationErrors errors, RefundOnlyInput? input, DateOnly today)
    {
        input ??= new RefundOnlyInput();
        var before = errors.All.Count;
        if (errors.RequireText("refundOnly.orderNumber", input.OrderNumber, ReferenceMaxLength))
        {
            CheckReference(errors, "refundOnly.orderNumber", input.OrderNumber);
        }

        errors.PastDate("refundOnly.ruledOn", input.RuledOn, today);
        errors.Money("refundOnly.refundedAmount", input.RefundedAmount, required: false);
        if (input.LogisticsStatus is { } s && !Enum.IsDefined(s))
        {
            errors.Add("refundOnly.logisticsStatus", ErrorCodes.InvalidValue);
        }

        if (errors.OptionalText("refundOnly.trackingNumber", input.TrackingNumber, ReferenceMaxLength))
        {
            CheckReference(errors, "refundOnly.trackingNumber", input.TrackingNumber);
        }

        return errors.All.Count > before ? null : new RefundOnlyDetails(
            input.OrderNumber!.Trim(), input.RuledOn, input.RefundedAmount, input.LogisticsStatus, Blank(input.TrackingNumber));
    }

    private static FrozenFundsDetails? CheckFrozenFunds(ValidationErrors errors, FrozenFundsInput? input, DateOnly today)
    {
        input ??= new FrozenFundsInput();
        var before = errors.All.Count;
        errors.Money("frozenFunds.frozenAmount", input.FrozenAmount, required: true);
        if (input.FrozenSince is null)
        {
            errors.Add("frozenFunds.frozenSince", ErrorCodes.Required);
        }

        errors.PastDate("frozenFunds.frozenSince", input.FrozenSince, today);
        if (input.StatedFreezeDays is { } days && (days < 1 || days > MaxFreezeDays))
        {
            errors.Add("frozenFunds.statedFreezeDays", ErrorCodes.OutOfRange, 1, MaxFreezeDays);
        }

        errors.OptionalText("frozenFunds.reasonGiven", input.ReasonGiven, ReasonMaxLength);
        errors.StoreId("frozenFunds.storeId", input.StoreId);
        return errors.All.Count > before ? null : new FrozenFundsDetails(
            input.FrozenAmount!.Value, input.FrozenSince!.Value, input.StatedFreezeDays, Blank(input.ReasonGiven), Blank(input.StoreId));
    }

    private static ForcedFeeDetails? CheckForcedFee(ValidationErrors errors, ForcedFeeInput? input, DateOnly today)
    {
        input ??= new ForcedFeeInput();
        var before = errors.All.Count;
        errors.RequireText("forcedFee.programmeName", input.ProgrammeName, ProgrammeNameMaxLength);
        errors.Money("forcedFee.feeAmount", input.FeeAmount, required: true);
        errors.PastDate("forcedFee.enrolledOn", input.EnrolledOn, today);
        errors.NotTooEarly("forcedFee.exitBlockedUntil", input.ExitBlockedUntil);
        if (input.EnrolledOn is { } from && input.ExitBlockedUntil is { } until && until < from)
        {
            errors.Add("forcedFee.exitBlockedUntil", ErrorCodes.EndBeforeStart);
        }

        errors.StoreId("forcedFee.storeId", input.StoreId);
        return errors.All.Count > before ? null : new ForcedFeeDetails(
            input.ProgrammeName!.Trim(), input.FeeAmount!.Value, input.EnrolledOn, input.ConsentGiven, input.ExitBlockedUntil, Blank(input.StoreId));
    }

    private static void CheckReference(ValidationErrors errors, string field, string? value)
    {
        // A blank optional reference means "none" (it is stored as null), not a malformed one.
        if (!string.IsNullOrWhiteSpace(value) && !ReferencePattern().IsMatch(value.Trim()))
        {
            errors.Add(field, ErrorCodes.InvalidFormat);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
