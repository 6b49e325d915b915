namespace MerchantDisputes.Domain.Time;

/// <summary>
/// China's working days: Monday–Friday worked, Saturday–Sunday not, except the days of the State Council's yearly
/// notice (holidays off, 调休 weekend days worked). Immutable; an admin's correction makes a new calendar.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> _exceptions;
    private readonly HashSet<int> _years;

    public WorkingCalendar(IEnumerable<CalendarDay> days, IEnumerable<int> years)
    {
        _exceptions = [];
        foreach (var day in days)
        {
            _exceptions[day.Date] = day;
        }

        _years = [.. years];
    }

    /// <summary>The shipped data only (2023–2027 as published).</summary>
    public static WorkingCalendar Embedded { get; } = new(ChinaHolidayData.Embedded.Days, ChinaHolidayData.Embedded.Years);

    /// <summary>Years whose notice is known: shipped, or entered by an admin.</summary>
    public IReadOnlyCollection<int> Years => _years;

    /// <summary>This calendar with an admin's days laid over it; each day's year counts as known from then on.</summary>
    public WorkingCalendar With(IEnumerable<CalendarDay> corrections)
    {
        var list = corrections.ToList();
        return new WorkingCalendar(_exceptions.Values.Concat(list), _years.Concat(list.Select(d => d.Date.Year)));
    }

    public bool HasYear(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly date) =>
        _exceptions.TryGetValue(date, out var day) ? !day.IsOffDay : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public CalendarDay? Exception(DateOnly date) => _exceptions.GetValueOrDefault(date);

    /// <summary>The year's exceptions in date order.</summary>
    public IReadOnlyList<CalendarDay> DaysOf(int year) =>
        _exceptions.Values.Where(d => d.Date.Year == year).OrderBy(d => d.Date).ToList();

    /// <summary>The N-th working day after <paramref name="start"/> (the start day itself is not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = start;
        while (count > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                count--;
            }
        }

        return day;
    }

    /// <summary>How many working days lie after <paramref name="after"/> up to and including <paramref name="through"/>.</summary>
    public int WorkingDaysBetween(DateOnly after, DateOnly through)
    {
        var count = 0;
        for (var day = after.AddDays(1); day <= through; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The year that should have data and has none: this year, or from 1 December the next one (its notice is
    /// normally published in November). Null when both are known.
    /// </summary>
    public int? MissingYear(DateOnly today)
    {
        if (!HasYear(today.Year))
        {
            return today.Year;
        }

        return today.Month == 12 && !HasYear(today.Year + 1) ? today.Year + 1 : null;
    }
}
