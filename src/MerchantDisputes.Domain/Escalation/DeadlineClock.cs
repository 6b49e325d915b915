using MerchantDisputes.Domain.Time;

namespace MerchantDisputes.Domain.Escalation;

/// <summary>
/// Where a window ends and when office hours are open, in China Standard Time, on a <see cref="WorkingCalendar"/>.
/// A working-day window ends at the close of office hours of the N-th working day after the day it starts (the start
/// day is not counted); a duration ends exactly that long after the start.
/// </summary>
public sealed record DeadlineClock(WorkingCalendar Calendar, OfficeHours Hours)
{
    public static DeadlineClock Default { get; } = new(WorkingCalendar.Embedded, OfficeHours.Default);

    public DateTimeOffset Due(Window window, DateTimeOffset start)
    {
        if (!window.InWorkingDays)
        {
            return start + window.Duration;
        }

        var day = Calendar.AddWorkingDays(ChinaTime.Today(start), window.WorkingDays);
        return At(day, Hours.Close);
    }

    /// <summary>The instant itself when it falls in office hours on a working day, otherwise the next opening.</summary>
    public DateTimeOffset NextOpen(DateTimeOffset instant)
    {
        var local = ChinaTime.ToChina(instant);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (Calendar.IsWorkingDay(day))
        {
            if (time < Hours.Open)
            {
                return At(day, Hours.Open);
            }

            if (time < Hours.Close)
            {
                return instant;
            }
        }

        return At(Calendar.AddWorkingDays(day, 1), Hours.Open);
    }

    /// <summary>
    /// What is left of a working-day deadline as people count it: whole working days after today up to the deadline's
    /// day, and the office time left today (on a working day, between now or the opening and the close).
    /// </summary>
    public WorkingTimeLeft Left(DateTimeOffset now, DateTimeOffset due)
    {
        if (now >= due)
        {
            return new WorkingTimeLeft(0, TimeSpan.Zero);
        }

        var local = ChinaTime.ToChina(now);
        var today = DateOnly.FromDateTime(local.DateTime);
        var dueLocal = ChinaTime.ToChina(due);
        var dueDay = DateOnly.FromDateTime(dueLocal.DateTime);
        var days = Calendar.WorkingDaysBetween(today, dueDay);
        var todayEnds = dueDay == today ? TimeOnly.FromDateTime(dueLocal.DateTime) : Hours.Close;
        var time = TimeOnly.FromDateTime(local.DateTime);
        var from = time < Hours.Open ? Hours.Open : time;
        var hours = Calendar.IsWorkingDay(today) && from < todayEnds ? todayEnds - from : TimeSpan.Zero;
        return new WorkingTimeLeft(days, hours);
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), ChinaTime.Offset);
}

/// <summary>Working days and office time left before a deadline.</summary>
public readonly record struct WorkingTimeLeft(int WorkingDays, TimeSpan Today);
