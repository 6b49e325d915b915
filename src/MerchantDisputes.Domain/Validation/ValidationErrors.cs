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

        if (value is not null && value.AsSpan().IndexOfAny(DirectionControls) >= 0)
        {
            Add(field, ErrorCodes.HiddenCharacters);
            return false;
        }

        return true;
    }

    /// <summary>
    /// A name or title shown to others: no zero-width characters either, which make two names look the same (a
    /// narrative may need U+200D inside an emoji, so this is not asked of every text).
    /// </summary>
    public bool VisibleName(string field, string? value)
    {
        if (value is not null && value.AsSpan().IndexOfAny(ZeroWidth) >= 0)
        {
            Add(field, ErrorCodes.HiddenCharacters);
            return false;
        }

        return true;
    }

    /// <summary>A store's id on its platform (optional): a short name shown to staff, checked as names are.</summary>
    public bool StoreId(string field, string? value) =>
        OptionalText(field, value, Users.MerchantProfile.StoreIdMaxLength) && VisibleName(field, value);

    /// <summary>Characters that reorder the text shown around them (Trojan Source, spoofed names).</summary>
    private static readonly System.Buffers.SearchValues<char> DirectionControls = System.Buffers.SearchValues.Create(
        "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C");

    private static readonly System.Buffers.SearchValues<char> ZeroWidth = System.Buffers.SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF");

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

    /// <summary>The earliest date a dispute's facts may carry: no platform ruled, froze or charged before it.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>A date of something that has happened: not before <see cref="EarliestDate"/>, not after today.</summary>
    public bool PastDate(string field, DateOnly? value, DateOnly today)
    {
        if (value is { } date && date > today)
        {
            Add(field, ErrorCodes.InFuture);
            return false;
        }

        return NotTooEarly(field, value);
    }

    /// <summary>A date not before <see cref="EarliestDate"/> (a future one may be fine: an exit blocked until then).</summary>
    public bool NotTooEarly(string field, DateOnly? value)
    {
        if (value is { } date && date < EarliestDate)
        {
            Add(field, ErrorCodes.TooEarly);
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
