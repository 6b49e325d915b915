using System.Globalization;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// The dispute form as typed into a page: every value is text until parsed, so "12,5a" in an amount
/// becomes a field error instead of a silent zero.
/// </summary>
public sealed class DisputeForm
{
    public string? Platform { get; set; }
    public DisputeType? Type { get; set; }
    public string? Title { get; set; }
    public bool TitleIsPublic { get; set; }
    public string? Narrative { get; set; }
    public string? Amount { get; set; }
    public string? Currency { get; set; } = Currencies.Default;
    public string? DesiredOutcome { get; set; }
    public string? OrderNumber { get; set; }
    public string? RuledOn { get; set; }
    public string? RefundedAmount { get; set; }
    public LogisticsStatus? LogisticsStatus { get; set; }
    public string? TrackingNumber { get; set; }
    public string? FrozenAmount { get; set; }
    public string? FrozenSince { get; set; }
    public string? StatedFreezeDays { get; set; }
    public string? ReasonGiven { get; set; }
    public string? ProgrammeName { get; set; }
    public string? FeeAmount { get; set; }
    public string? EnrolledOn { get; set; }
    public bool ConsentGiven { get; set; }
    public string? ExitBlockedUntil { get; set; }

    /// <summary>The store's id on the platform, for a frozen-funds or forced-fee case.</summary>
    public string? StoreId { get; set; }
    public int? Version { get; set; }

    /// <summary>Parses the text; values that do not parse are reported and left out.</summary>
    public DisputeInput ToInput(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new DisputeInput
        {
            Platform = Platform,
            Type = Type,
            Title = Title,
            TitleIsPublic = TitleIsPublic,
            Narrative = Narrative,
            Amount = Money(errors, "amount", Amount),
            Currency = Currency,
            DesiredOutcome = DesiredOutcome,
            RefundOnly = Type == DisputeType.RefundOnly ? new RefundOnlyInput
            {
                OrderNumber = OrderNumber,
                RuledOn = Date(errors, "refundOnly.ruledOn", RuledOn),
                RefundedAmount = Money(errors, "refundOnly.refundedAmount", RefundedAmount),
                LogisticsStatus = LogisticsStatus,
                TrackingNumber = TrackingNumber,
            } : null,
            FrozenFunds = Type == DisputeType.FrozenFunds ? new FrozenFundsInput
            {
                FrozenAmount = Money(errors, "frozenFunds.frozenAmount", FrozenAmount),
                FrozenSince = Date(errors, "frozenFunds.frozenSince", FrozenSince),
                StatedFreezeDays = Whole(errors, "frozenFunds.statedFreezeDays", StatedFreezeDays),
                ReasonGiven = ReasonGiven,
                StoreId = StoreId,
            } : null,
            ForcedFee = Type == DisputeType.ForcedFee ? new ForcedFeeInput
            {
                ProgrammeName = ProgrammeName,
                FeeAmount = Money(errors, "forcedFee.feeAmount", FeeAmount),
                EnrolledOn = Date(errors, "forcedFee.enrolledOn", EnrolledOn),
                ConsentGiven = ConsentGiven,
                ExitBlockedUntil = Date(errors, "forcedFee.exitBlockedUntil", ExitBlockedUntil),
                StoreId = StoreId,
            } : null,
        };
    }

    public static DisputeForm From(DisputeDto d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var c = CultureInfo.InvariantCulture;
        return new DisputeForm
        {
            Platform = d.Platform,
            Type = d.Type,
            Title = d.Title,
            TitleIsPublic = d.TitleIsPublic,
            Narrative = d.Narrative,
            Amount = d.Amount.ToString("0.00", c),
            Currency = d.Currency,
            DesiredOutcome = d.DesiredOutcome,
            OrderNumber = d.RefundOnly?.OrderNumber,
            RuledOn = d.RefundOnly?.RuledOn?.ToString("yyyy-MM-dd", c),
            RefundedAmount = d.RefundOnly?.RefundedAmount?.ToString("0.00", c),
            LogisticsStatus = d.RefundOnly?.LogisticsStatus,
            TrackingNumber = d.RefundOnly?.TrackingNumber,
            FrozenAmount = d.FrozenFunds?.FrozenAmount.ToString("0.00", c),
            FrozenSince = d.FrozenFunds?.FrozenSince.ToString("yyyy-MM-dd", c),
            StatedFreezeDays = d.FrozenFunds?.StatedFreezeDays?.ToString(c),
            ReasonGiven = d.FrozenFunds?.ReasonGiven,
            ProgrammeName = d.ForcedFee?.ProgrammeName,
            FeeAmount = d.ForcedFee?.FeeAmount.ToString("0.00", c),
            EnrolledOn = d.ForcedFee?.EnrolledOn?.ToString("yyyy-MM-dd", c),
            ConsentGiven = d.ForcedFee?.ConsentGiven ?? false,
            ExitBlockedUntil = d.ForcedFee?.ExitBlockedUntil?.ToString("yyyy-MM-dd", c),
            StoreId = d.FrozenFunds?.StoreId ?? d.ForcedFee?.StoreId,
            Version = d.Version,
        };
    }

    private static decimal? Money(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = text.Trim().TrimStart('¥', '￥').Replace(",", string.Empty, StringComparison.Ordinal);
        if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, ErrorCodes.InvalidValue);
        return null;
    }

    private static DateOnly? Date(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        errors.Add(field, ErrorCodes.InvalidValue);
        return null;
    }

    private static int? Whole(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, ErrorCodes.InvalidValue);
        return null;
    }
}
