using System.Globalization;

namespace MerchantDisputes.Domain.Disputes;

/// <summary>The human case number, MD-2026-000123: the year in China Standard Time and a per-year sequence.</summary>
public static class CaseNumber
{
    public const int MaxLength = 20;

    public static string Format(int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"MD-{year:D4}-{sequence:D6}");
}
