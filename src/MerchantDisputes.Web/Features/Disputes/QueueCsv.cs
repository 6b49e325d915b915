using System.Text;
using MerchantDisputes.Web.Features.Transparency;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// The list as the person sees it (same filters, same order, every page) as CSV: RFC 4180 with CRLF, UTF-8 with a
/// BOM so that Excel reads the Chinese, cells a spreadsheet would run as formulas defused as in the yearly report,
/// instants in ISO 8601 with their +08:00 offset.
/// </summary>
public static class QueueCsv
{
    public const int MaxRows = 10_000;

    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IEnumerable<DisputeSummaryDto> items, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(t);
        var csv = new StringBuilder();
        void Row(params object?[] cells) => csv.Append(string.Join(',', cells.Select(ReportCsv.Cell))).Append("\r\n");

        Row(t["Field.CaseNumber"], t["Field.Title"], t["Field.Platform"], t["Field.Type"], t["Field.Status"], t["Details.EscalationLevel"],
            t["Field.Amount"], t["Field.Currency"], t["Details.Filed"], t["Details.RespondBy"]);
        foreach (var d in items)
        {
            Row(d.CaseNumber, d.Title, d.PlatformName, t["Type." + d.Type], t["Status." + d.Status], t["Escalation." + d.EscalationLevel],
                d.Amount, d.Currency, Display.Iso(d.CreatedAt), d.RespondBy is { } by ? Display.Iso(by) : null);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static string FileName(DateTimeOffset now) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cases-{Domain.Time.ChinaTime.ToChina(now):yyyyMMdd-HHmm}.csv");
}
