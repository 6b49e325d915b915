using System.Globalization;

namespace MerchantDisputes.Domain.Statistics;

/// <summary>How a merchant is named in public: the first character and two asterisks (卢明 → 卢**).</summary>
public static class PublicName
{
    public const string Mask = "**";

    /// <summary>
    /// Always two asterisks, whatever the name's length, so the mask does not tell how long the name is.
    /// The first character is a whole text element, so a name starting outside the BMP is not cut in half.
    /// </summary>
    public static string Masked(string? displayName)
    {
        var trimmed = displayName?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Mask;
        }

        var enumerator = StringInfo.GetTextElementEnumerator(trimmed);
        enumerator.MoveNext();
        return enumerator.GetTextElement() + Mask;
    }
}
