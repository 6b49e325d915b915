using MerchantDisputes.Domain.Geography;

namespace MerchantDisputes.Domain.Validation;

/// <summary>Collects every broken rule of one input so the user sees them all at once.</summary>
public sealed class ValidationErrors
{
    public const decimal MaxAmount = 100_000_000m;

    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string code, params object[] arguments) =>
        _errors.Add(new ValidationError(field, code, arguments));

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new DomainValidationException(_errors.ToArray());
        }
    }

    public bool RequireText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, ErrorCodes.Required);
            return false;
        }

        return OptionalText(field, value, maxLength);
    }

    public bool OptionalText(string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, ErrorCodes.TooLong, maxLength);
            return false;
        }

        return true;
    }

    /// <summary>Money as decimal(18,2): 0 … 100,000,000 with at most two decimals.</summary>
    public bool Money(string field, decimal? value, bool required)
    {
        if (value is not { } amount)
        {
            if (required)
            {
                Add(field, ErrorCodes.Required);
            }

            return !required;
        }

        if (amount < 0)
        {
            Add(field, ErrorCodes.Negative);
        }
        else if (amount > MaxAmount)
        {
            Add(field, ErrorCodes.AboveMaximum, MaxAmount);
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            Add(field, ErrorCodes.TooManyDecimals, 2);
        }
        else
        {
            return true;
        }

        return false;
    }

    public bool NotInFuture(string field, DateOnly? value, DateOnly today)
    {
        if (value is { } date && date > today)
        {
            Add(field, ErrorCodes.InFuture);
            return false;
        }

        return true;
    }

    public bool RequireProvince(string field, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            Add(field, ErrorCodes.Required);
            return false;
        }

        if (Provinces.Find(code) is null)
        {
            Add(field, ErrorCodes.UnknownProvince, code);
            return false;
        }

        return true;
    }
}
