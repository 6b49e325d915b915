using System.Globalization;
using System.Text;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>
/// The yearly report as CSV (RFC 4180, CRLF): a title block, then one section per distribution, each with its own
/// title row, header row and data rows, separated by an empty line. Numbers are invariant (1234, 28.95) so a
/// spreadsheet reads them as numbers in either language; the caller prefixes the UTF-8 BOM for Excel.
/// </summary>
public static class ReportCsv
{
    public static string Write(YearStatsDto stats, IStringLocalizer t, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(t);
        var csv = new StringBuilder();
        void Row(params object?[] cells) => csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");

        Row(stats.Platform is null ? t["Public.Report.Heading", stats.Year] : t["Public.Report.HeadingPlatform", stats.Year, stats.Platform.Name]);
        Row(t["Public.Csv.Year"], stats.Year);
        if (stats.Platform is not null)
        {
            Row(t["Field.Platform"], stats.Platform.Name);
        }

        Row(t["Public.TotalCases"], stats.TotalCases);
        Row(t["Public.Csv.GeneratedAt"], Display.Iso(generatedAt));
        Row(t["Public.Csv.Method"], stats.Definitions.Period + " " + stats.Definitions.Percent);
        if (stats.BreakdownWithheld)
        {
            Row(t["Public.BreakdownWithheld", PublicQueries.MinCasesForBreakdown]);
            return csv.ToString();
        }

        Section(t["Public.Chart.Type"], [t["Field.Type"], t["Public.Cases"], t["Public.PercentHeader"]],
            stats.ByType.Select(s => new object?[] { s.Name, s.Count, Pct(s.Percent) }));
        Section(t["Public.Chart.ProvinceAll"], [t["Public.Csv.Code"], t["Field.Province"], t["Public.Cases"], t["Public.PercentHeader"]],
            stats.ByProvince.All.Select(s => new object?[] { s.Key, s.Name, s.Count, Pct(s.Percent) }));
        if (stats.ByProvince.Unknown > 0)
        {
            Row(t["Public.Province.Unknown"], stats.ByProvince.Unknown);
        }

        Section(t["Public.Chart.ProvinceTop"], [t["Public.Rank"], t["Field.Province"], t["Public.Cases"], t["Public.PercentHeader"]],
            stats.ByProvince.Top10.Select((s, i) => new object?[] { i + 1, s.Name, s.Count, Pct(s.Percent) }));
        Section(t["Public.Chart.Gender"], [t["Field.Gender"], t["Public.Cases"], t["Public.PercentHeader"]],
            stats.ByGender.Select(s => new object?[] { s.Name, s.Count, Pct(s.Percent) }));
        Section(t["Public.Chart.Amount"], [t["Public.Amount.Bracket"], t["Public.Csv.From"], t["Public.Csv.To"], t["Public.Cases"], t["Public.PercentHeader"]],
            stats.ByAmount.Brackets.Select(b => new object?[] { b.Name, Money(b.From), Money(b.To), b.Count, Pct(b.Percent) }));
        Row(stats.ByAmount.Note);

        CaseRating[] ratings = [.. Enum.GetValues<CaseRating>()];
        Section(t["Public.Chart.Platforms"],
            [
                t["Public.Rank"], t["Field.Platform"], t["Public.Csv.Slug"], t["Public.Cases"], t["Public.PercentHeader"],
                t["Public.Forwarded"], t["Public.Answered"], t["Public.AnsweredInTime"], t["Public.ResponseRate"],
                t["Public.TimelyResponseRate"], t["Public.MedianHours"], t["Public.Satisfaction"], t["Public.Rating"],
                .. ratings.Select(r => (object?)t["Public.Rating." + r]),
            ],
            stats.Platforms.Select(p => (object?[])
            [
                p.Rank, p.Name, p.Slug, p.Cases, Pct(p.Percent), p.Forwarded, p.Answered, p.AnsweredInTime, Pct(p.ResponseRate),
                Pct(p.TimelyResponseRate), Hours(p.MedianHoursToAnswer), Pct(p.Rating.Factors.Satisfaction), p.Rating.Name,
                .. ratings.Select(r => (object?)p.Rating.Counts.GetValueOrDefault(r)),
            ]));

        csv.Append("\r\n");
        Row(t["Public.Definitions"]);
        var d = stats.Definitions;
        foreach (var line in new[] { d.Period, d.Percent, d.AmountBrackets, d.ResponseRate, d.TimelyResponseRate, d.Satisfaction, d.MedianHoursToAnswer, d.Rating })
        {
            Row(line);
        }

        return csv.ToString();

        void Section(string title, object?[] header, IEnumerable<object?[]> rows)
        {
            csv.Append("\r\n");
            Row(title);
            Row(header);
            foreach (var row in rows)
            {
                Row(row);
            }
        }
    }

    private static string? Pct(decimal? percent) => percent?.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Hours(decimal? hours) => hours?.ToString("0.0", CultureInfo.InvariantCulture);

    private static string? Money(decimal? bound) => bound?.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Quotes what needs quoting; defuses text a spreadsheet would run as a formula.</summary>
    internal static string Cell(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            LocalizedString l => l.Value,
            _ => value.ToString() ?? string.Empty,
        };
        if (value is string or LocalizedString && text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
