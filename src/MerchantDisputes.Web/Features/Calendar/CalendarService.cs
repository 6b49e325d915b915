using System.Globalization;
using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Calendar;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Escalation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Calendar;

public sealed record CalendarDayDto(DateOnly Date, bool IsOffDay, string Name, bool ChangedByAdmin);

public sealed record CalendarYearDto(int Year, bool HasData, int? MissingYear, IReadOnlyList<CalendarDayDto> Days);

public sealed record CalendarChangeDto(
    Guid Id, DateOnly Date, bool IsOffDay, string Name, string Reason, Guid ChangedBy, string? ChangedByEmail, DateTimeOffset ChangedAt, int MovedDeadlines);

/// <param name="IsOffDay">True: a holiday (not worked); false: a working day (a 调休 weekend day, or a correction).</param>
public sealed record SetCalendarDayRequest(bool? IsOffDay, string? Name, string? Reason);

/// <summary>
/// The admins' side of the working-day calendar: a year's days as they count, and adding or correcting a day. Each
/// change is kept (the audit trail) and moves the deadlines of the open cases whose timers run across that day.
/// </summary>
public sealed class CalendarService(
    DisputesDbContext db, WorkingCalendarSource source, IOptionsMonitor<EscalationOptions> options, TimeProvider clock)
{
    public const int ChangesShown = 100;

    public async Task<CalendarYearDto> YearAsync(int year, CancellationToken cancellationToken)
    {
        var calendar = source.Current;
        var fromAdmin = await db.CalendarChanges.AsNoTracking()
            .Where(c => c.Date >= new DateOnly(year, 1, 1) && c.Date <= new DateOnly(year, 12, 31))
            .Select(c => c.Date).Distinct().ToListAsync(cancellationToken);
        var days = calendar.DaysOf(year).Select(d => new CalendarDayDto(d.Date, d.IsOffDay, d.Name, fromAdmin.Contains(d.Date))).ToList();
        return new CalendarYearDto(year, calendar.HasYear(year), calendar.MissingYear(ChinaTime.Today(clock.GetUtcNow())), days);
    }

    public async Task<List<CalendarChangeDto>> ChangesAsync(CancellationToken cancellationToken) =>
        await db.CalendarChanges.AsNoTracking()
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Take(ChangesShown)
            .Select(c => new CalendarChangeDto(
                c.Id, c.Date, c.IsOffDay, c.Name, c.Reason, c.ChangedBy,
                db.Users.Where(u => u.Id == c.ChangedBy).Select(u => u.Email).FirstOrDefault(), c.ChangedAt, c.MovedDeadlines))
            .ToListAsync(cancellationToken);

    /// <summary>Adds or corrects one day, recomputes the running deadlines it touches, and records the change.</summary>
    public async Task<CalendarChangeDto> SetDayAsync(DateOnly date, SetCalendarDayRequest request, Guid admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        if (request.IsOffDay is null)
        {
            errors.Add("isOffDay", ErrorCodes.Required);
        }

        errors.RequireText("name", request.Name, CalendarDay.NameMaxLength);
        errors.RequireText("reason", request.Reason, CalendarChange.ReasonMaxLength);
        if (date < ValidationErrors.EarliestDate)
        {
            errors.Add("date", ErrorCodes.TooEarly);
        }

        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        var change = new CalendarChange
        {
            Id = Guid.CreateVersion7(now), Date = date, IsOffDay = request.IsOffDay!.Value, Name = request.Name!.Trim(),
            Reason = request.Reason!.Trim(), ChangedBy = admin, ChangedAt = now,
        };
        db.CalendarChanges.Add(change);
        change.MovedDeadlines = await MoveDeadlinesAsync(change, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        source.Invalidate();
        var email = await db.Users.Where(u => u.Id == admin).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        return new CalendarChangeDto(
            change.Id, change.Date, change.IsOffDay, change.Name, change.Reason, admin, email, change.ChangedAt, change.MovedDeadlines);
    }

    /// <summary>Every open case whose working-day timer counts the changed day is counted again on the new calendar.</summary>
    private async Task<int> MoveDeadlinesAsync(CalendarChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windows = options.CurrentValue.WindowsOn(source.Current.With([change.ToDay()]));
        var dayStarts = new DateTimeOffset(change.Date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        var cases = await db.Disputes
            .Where(d => d.DeadlineAt != null && d.DeadlineAt >= dayStarts && d.DeadlineFrom < dayStarts)
            .Where(d => d.DeadlineWindow != null && d.DeadlineWindow.EndsWith(Domain.Escalation.Window.WorkingDaySuffix))
            .ToListAsync(cancellationToken);
        var reason = string.Create(CultureInfo.InvariantCulture, $"{change.Date:yyyy-MM-dd} {change.Name} ({(change.IsOffDay ? "休息日 day off" : "工作日 working day")}): {change.Reason}");
        return cases.Count(d => d.RecomputeDeadline(windows, reason, now));
    }
}
