using System.Globalization;

namespace MerchantDisputes.Domain.Validation;

/// <summary>One broken rule on one field. The message is looked up in the reader's language when shown.</summary>
public sealed record ValidationError(string Field, string Code, params object[] Arguments)
{
    public string Message(CultureInfo culture) => DomainMessages.Describe(this, culture);

    public override string ToString() => $"{Field}: {Code}";
}
