namespace MerchantDisputes.Domain.Validation;

/// <summary>Names of the rules; each has a message in Resources/DomainMessages(.zh-CN).resx.</summary>
public static class ErrorCodes
{
    public const string Required = nameof(Required);
    public const string TooLong = nameof(TooLong);
    public const string Negative = nameof(Negative);
    public const string TooManyDecimals = nameof(TooManyDecimals);
    public const string AboveMaximum = nameof(AboveMaximum);
    public const string OutOfRange = nameof(OutOfRange);
    public const string InFuture = nameof(InFuture);
    public const string TooEarly = nameof(TooEarly);
    public const string HiddenCharacters = nameof(HiddenCharacters);
    public const string InvalidFormat = nameof(InvalidFormat);
    public const string UnknownPlatform = nameof(UnknownPlatform);
    public const string UnknownProvince = nameof(UnknownProvince);
    public const string UnknownCurrency = nameof(UnknownCurrency);
    public const string UnknownType = nameof(UnknownType);
    public const string InvalidValue = nameof(InvalidValue);
    public const string MalformedJson = nameof(MalformedJson);
    public const string DetailsMissing = nameof(DetailsMissing);
    public const string DetailsForOtherType = nameof(DetailsForOtherType);
    public const string EndBeforeStart = nameof(EndBeforeStart);
    public const string InvalidSlug = nameof(InvalidSlug);
}
