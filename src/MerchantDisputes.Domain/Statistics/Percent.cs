namespace MerchantDisputes.Domain.Statistics;

/// <summary>
/// Percentages as the published complaint reports print them: count / total × 100 in decimal,
/// rounded half to even to two decimals (22 of 76 → 28.95; 1 of 800 → 0.12; 1 of 32 → 3.12).
/// Each row is rounded on its own, so a column may add up to 99.99 or 100.01.
/// </summary>
public static class Percent
{
    public const int Decimals = 2;

    /// <summary>The share of <paramref name="count"/> in <paramref name="total"/>; 0 when the total is 0.</summary>
    public static decimal Of(long count, long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);
        if (total == 0)
        {
            return 0m;
        }

        // Multiply first: count × 100 is an integer, so the one division is the only inexact step and
        // a true half (…5 exactly at the third decimal) stays exact in decimal's 28 digits.
        return Math.Round(count * 100m / total, Decimals, MidpointRounding.ToEven);
    }

    /// <summary>A rate over cases that may not exist yet: null when there is nothing to divide by.</summary>
    public static decimal? Rate(long count, long total) => total == 0 ? null : Of(count, total);
}
