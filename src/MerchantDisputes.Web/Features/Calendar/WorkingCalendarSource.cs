using MerchantDisputes.Domain.Time;
using MerchantDisputes.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Calendar;

/// <summary>
/// The working-day calendar in use: the shipped data with the latest admin change of each date laid over it. Read
/// again after a change on this instance and at most a minute after one on another instance.
/// </summary>
public sealed class WorkingCalendarSource(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);

    private volatile Snapshot? _snapshot;

    public WorkingCalendar Current
    {
        get
        {
            var snapshot = _snapshot;
            if (snapshot is null || clock.GetUtcNow() - snapshot.LoadedAt > Fresh)
            {
                snapshot = Load();
                _snapshot = snapshot;
            }

            return snapshot.Calendar;
        }
    }

    /// <summary>Forgets the snapshot so that the next read sees a change just saved.</summary>
    public void Invalidate() => _snapshot = null;

    private Snapshot Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var changes = db.CalendarChanges.AsNoTracking().OrderBy(c => c.Date).ThenBy(c => c.ChangedAt).ToList();
        var latest = changes.GroupBy(c => c.Date).Select(g => g.Last().ToDay());
        return new Snapshot(WorkingCalendar.Embedded.With(latest), clock.GetUtcNow());
    }

    private sealed record Snapshot(WorkingCalendar Calendar, DateTimeOffset LoadedAt);
}
