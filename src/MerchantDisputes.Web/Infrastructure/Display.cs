using System.Globalization;
using MerchantDisputes.Domain.Time;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>How money and instants read on a page: the chosen culture's digits, China Standard Time.</summary>
public static class Display
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["CNY"] = "¥",
        ["USD"] = "US$",
        ["EUR"] = "€",
        ["GBP"] = "£",
        ["HKD"] = "HK$",
        ["JPY"] = "JP¥",
    };

    /// <summary>CNY 1340.7 → ¥1,340.70 in either language.</summary>
    public static string Money(decimal amount, string currency)
    {
        var culture = CultureInfo.CurrentCulture;
        var number = amount.ToString("N2", culture);
        return Symbols.TryGetValue(currency, out var symbol) ? symbol + number : currency + " " + number;
    }

    /// <summary>An instant in China Standard Time, naming the zone: 2026年12月10日 18:00（北京时间） / 10 Dec 2026, 18:00 (UTC+8).</summary>
    public static string Instant(DateTimeOffset? instant) =>
        instant is { } value ? Problems.Text("Time.Zoned", Clock(value)) : "—";

    /// <summary>The zone named in full, for text read away from the pages (e-mails): 北京时间，UTC+8 / China Standard Time, UTC+8.</summary>
    public static string InstantWithZone(DateTimeOffset instant) => Problems.Text("Time.ZonedLong", Clock(instant));

    /// <summary>
    /// An instant in China Standard Time without naming the zone, for phrases that sit where the zone is already said
    /// (a deadline inside a sentence on a page that names it once): 2026年10月14日 18:00 / 14 Oct 2026, 18:00.
    /// </summary>
    public static string Clock(DateTimeOffset instant)
    {
        var china = ChinaTime.ToChina(instant);
        return IsChinese()
            ? china.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)
            : china.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Date(DateOnly? date)
    {
        if (date is not { } value)
        {
            return "—";
        }

        return IsChinese()
            ? value.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)
            : value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>ISO 8601 with offset, for machine-readable attributes such as &lt;time datetime&gt;.</summary>
    public static string Iso(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static bool IsChinese() => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
}
