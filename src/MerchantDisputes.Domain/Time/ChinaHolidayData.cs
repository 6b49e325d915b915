using System.Globalization;
using System.Text.Json;

namespace MerchantDisputes.Domain.Time;

/// <summary>
/// The holiday data shipped inside the app: one holiday-cn file a year (MIT licence, Copyright (c) 2019 NateScarlet;
/// Time/ChinaHolidays/LICENSE), embedded as resources "ChinaHolidays.YYYY.json". A year's file can list days of
/// the neighbouring years, so every file is read and the days are keyed by their own date.
/// </summary>
public static class ChinaHolidayData
{
    private static readonly Lazy<ShippedHolidays> Shipped = new(Load);

    /// <summary>Every shipped exception, and the years whose notice is in the data (a file with at least one day).</summary>
    public static ShippedHolidays Embedded => Shipped.Value;

    /// <summary>Reads one file in the holiday-cn format.</summary>
    public static (int Year, IReadOnlyList<CalendarDay> Days) Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var days = root.GetProperty("days").EnumerateArray()
            .Select(d => new CalendarDay(
                DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                d.GetProperty("isOffDay").GetBoolean(),
                d.GetProperty("name").GetString() ?? string.Empty))
            .ToList();
        return (root.GetProperty("year").GetInt32(), days);
    }

    private static ShippedHolidays Load()
    {
        var assembly = typeof(ChinaHolidayData).Assembly;
        var days = new List<CalendarDay>();
        var years = new SortedSet<int>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ChinaHolidays.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var (year, yearDays) = Parse(stream);
            days.AddRange(yearDays);
            if (yearDays.Count > 0)
            {
                years.Add(year);
            }
        }

        return new ShippedHolidays(days, years);
    }
}

/// <summary>The embedded days and the years they cover.</summary>
public sealed record ShippedHolidays(IReadOnlyList<CalendarDay> Days, IReadOnlySet<int> Years);
