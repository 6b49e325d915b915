using System.Globalization;
using MerchantDisputes.Domain.Disputes;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>One bar: its label, the count it draws, the text printed at its end, and an optional link.</summary>
public sealed record BarRow(string Label, int Count, decimal? Percent, string? Href = null, string? Note = null);

/// <summary>
/// A horizontal bar chart drawn as SVG on the server. Each row is a label line (label left, count and percent
/// right) above a bar scaled to the largest count, all in percent of the width, so the text keeps its size
/// on a 390 px phone and on paper while the bars stretch.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<BarRow> Rows)
{
    public const int RowHeight = 46;
    public const int BarHeight = 14;
    public const int LabelBaseline = 17;
    public const int BarTop = 25;

    public int Height => Math.Max(1, Rows.Count) * RowHeight;

    public int Max => Rows.Count == 0 ? 0 : Rows.Max(r => r.Count);

    /// <summary>The bar's width in percent of the chart, at least a sliver for a non-zero count so it stays visible.</summary>
    public string Width(BarRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Max == 0 || row.Count == 0)
        {
            return "0";
        }

        var width = Math.Max(0.8m, Math.Round(row.Count * 100m / Max, 2));
        return width.ToString("0.##", CultureInfo.InvariantCulture) + "%";
    }

    public static string Value(BarRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var count = row.Count.ToString("N0", CultureInfo.CurrentCulture);
        return row.Percent is { } percent ? count + " · " + Format.Percent(percent) : count;
    }
}

/// <summary>The case ratings of each platform as one stacked bar per platform, 100 % = its rated cases.</summary>
public sealed record RatingChart(string Id, string Title, IReadOnlyList<RatingChartRow> Rows)
{
    public const int RowHeight = 46;

    public int Height => Math.Max(1, Rows.Count) * RowHeight;

    public static IReadOnlyList<CaseRating> Order { get; } = Enum.GetValues<CaseRating>();
}

public sealed record RatingChartRow(string Label, string RatingName, IReadOnlyDictionary<CaseRating, int> Counts, string? Href = null)
{
    public int Total => Counts.Values.Sum();

    /// <summary>(rating, x %, width %) of each non-empty segment, left to right worst first.</summary>
    public IEnumerable<(CaseRating Rating, string X, string Width, int Count)> Segments()
    {
        var total = Total;
        if (total == 0)
        {
            yield break;
        }

        var x = 0m;
        foreach (var rating in RatingChart.Order)
        {
            var count = Counts.GetValueOrDefault(rating);
            if (count == 0)
            {
                continue;
            }

            var width = count * 100m / total;
            yield return (rating, Pct(x), Pct(width), count);
            x += width;
        }
    }

    private static string Pct(decimal value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}

/// <summary>How the public pages print numbers: percent with two decimals in either language, hours with one.</summary>
public static class Format
{
    public static string Percent(decimal? percent) =>
        percent is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Hours(decimal? hours) =>
        hours is { } h ? h.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static string Count(int count) => count.ToString("N0", CultureInfo.CurrentCulture);
}

/// <summary>The data table that follows a chart: the same rows, in numbers.</summary>
public sealed record ShareTable(string Caption, string KeyHeader, IReadOnlyList<ShareDto> Rows, int? Total = null, bool Ranked = false);
