using Hangfire;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Notifications;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Escalation;

public sealed record SweepResult(int Escalated, int Closed, int Resolved, int Skipped)
{
    public int Moved => Escalated + Closed + Resolved;
}

/// <summary>
/// Moves every case whose timer has run out one step: AwaitingPlatform climbs the escalation ladder, NeedsInfo
/// closes, PlatformResponded resolves. The truth of each deadline is the case row, so a restart loses nothing.
/// Reads only due cases, one timed status at a time, in keyset pages of the (Status, DeadlineAt, Id) index, and saves
/// each page as one batch in one transaction: every case in it moves with its timeline entry, notifications and
/// e-mails, or none does (a crash leaves the batch untouched for the next sweep). Each case is still written under
/// its concurrency token: one that a person or another sweep changed after it was read is left out, the rest of the
/// batch saved again, and the next sweep sees the case as it now is.
/// </summary>
public sealed partial class DeadlineSweep(
    IServiceScopeFactory scopes, TimeProvider clock, CaseTimers timers, ILogger<DeadlineSweep> logger, DisputeMetrics metrics)
{
    public const int BatchSize = 200;

    private static readonly DisputeStatus[] TimedStatuses =
        [DisputeStatus.AwaitingPlatform, DisputeStatus.NeedsInfo, DisputeStatus.PlatformResponded];

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        using var timing = metrics.TimeSweep(clock);
        var sweep = new Sweep(clock.GetUtcNow(), timers.Windows);
        foreach (var status in TimedStatuses)
        {
            await SweepStatusAsync(sweep, status, cancellationToken);
        }

        var result = sweep.Tally.ToResult();
        LogSwept(logger, result.Escalated, result.Closed, result.Resolved, result.Skipped);
        return result;
    }

    /// <summary>Pages through one status's due cases in (DeadlineAt, Id) order, a batch per page.</summary>
    private async Task SweepStatusAsync(Sweep sweep, DisputeStatus status, CancellationToken cancellationToken)
    {
        (DateTimeOffset At, Guid Id)? after = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var page = await DuePageAsync(scope.ServiceProvider.GetRequiredService<DisputesDbContext>(), status, sweep.Now, after, cancellationToken);
            if (page.Count == 0)
            {
                return;
            }

            // The key is the case as read: moving it changes its deadline.
            after = (page[^1].DeadlineAt!.Value, page[^1].Id);

            // A case moved earlier in this sweep whose next deadline has also passed waits for the next sweep: one step each.
            var batch = page.Where(d => sweep.Done.Add(d.Id)).ToList();
            await MoveBatchAsync(scope.ServiceProvider, batch, sweep, cancellationToken);
            if (page.Count < BatchSize)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A keyset page of one status's due cases, tracked. The status is one value and the key starts the range, so the
    /// database reads the page's own index entries in index order: no sort, no re-reading earlier pages.
    /// </summary>
    private static Task<List<Dispute>> DuePageAsync(
        DisputesDbContext db, DisputeStatus status, DateTimeOffset now, (DateTimeOffset At, Guid Id)? after, CancellationToken cancellationToken)
    {
        var query = db.Disputes.Where(d => d.Status == status && d.DeadlineAt != null && d.DeadlineAt <= now);
        if (after is { } key)
        {
            // The first condition is implied by the second; it is there so the database starts the index range at the
            // key. EF Core has no row-value comparison to say (DeadlineAt, Id) > (key) in one term.
            query = query.Where(d => d.DeadlineAt >= key.At)
                .Where(d => d.DeadlineAt > key.At || (d.DeadlineAt == key.At && d.Id.CompareTo(key.Id) > 0));
        }

        return query.OrderBy(d => d.DeadlineAt).ThenBy(d => d.Id).Take(BatchSize).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Saves the batch in one transaction. When a case's concurrency token fails, the whole save rolls back; the
    /// batch is read again without that case and without any other case whose version moved since the page was
    /// read, and saved again. Each round leaves out at least one case, so this ends; usually there is no second round.
    /// </summary>
    private async Task MoveBatchAsync(IServiceProvider services, List<Dispute> batch, Sweep sweep, CancellationToken cancellationToken)
    {
        var versions = batch.ToDictionary(d => d.Id, d => d.Version);
        var conflicts = await TryMoveAsync(services, batch, sweep, cancellationToken);
        while (conflicts.Count > 0)
        {
            foreach (var id in conflicts)
            {
                sweep.Tally.Add(Step.None);
                versions.Remove(id);
            }

            await using var retry = scopes.CreateAsyncScope();
            var db = retry.ServiceProvider.GetRequiredService<DisputesDbContext>();
            var ids = versions.Keys.ToList();
            var again = await db.Disputes.Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
            var unchanged = again.Where(d => versions[d.Id] == d.Version).ToList();
            sweep.Tally.Add(Step.None, ids.Count - unchanged.Count);
            conflicts = await TryMoveAsync(retry.ServiceProvider, unchanged, sweep, cancellationToken);
        }
    }

    /// <returns>The cases whose concurrency token failed (nothing of the batch saved), or none (all of it saved).</returns>
    private async Task<IReadOnlyCollection<Guid>> TryMoveAsync(
        IServiceProvider services, List<Dispute> batch, Sweep sweep, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<DisputesDbContext>();

        // Only the moved cases changed (with their new timeline entries); the notices are added as new. Scanning just
        // those cases saves comparing every tracked entity again inside SaveChanges.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var moved = new List<(Dispute Case, Step Step)>();
        var unmoved = 0;
        foreach (var dispute in batch)
        {
            var step = Apply(dispute, sweep.Windows, sweep.Now);
            if (step == Step.None)
            {
                unmoved++;
            }
            else
            {
                db.Entry(dispute).DetectChanges();
                moved.Add((dispute, step));
            }
        }

        await QueueNoticesAsync(services, moved.Select(m => m.Case).ToList(), sweep, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            var ids = conflict.Entries.Select(e => e.Entity).OfType<Dispute>().Select(d => d.Id).ToList();
            return ids.Count > 0 ? ids : throw new InvalidOperationException("A concurrency conflict on something other than a case.", conflict);
        }

        sweep.Tally.Add(Step.None, unmoved);
        foreach (var (dispute, step) in moved)
        {
            sweep.Tally.Add(step);
            if (step == Step.Escalated)
            {
                metrics.Escalated(dispute.EscalationLevel);
            }
        }

        return [];
    }

    /// <summary>The notices go into the same unit of work; the batch's merchants' and mediators' addresses are read in one query.</summary>
    private static async Task QueueNoticesAsync(IServiceProvider services, List<Dispute> moved, Sweep sweep, CancellationToken cancellationToken)
    {
        if (moved.Count == 0)
        {
            return;
        }

        var db = services.GetRequiredService<DisputesDbContext>();
        var notifier = services.GetRequiredService<CaseNotifier>();
        var people = moved.Select(d => d.MerchantId).Concat(moved.Select(d => d.AssignedMediatorId).OfType<Guid>()).ToHashSet();
        await sweep.Recipients.EmailsAsync(db, people, cancellationToken);
        foreach (var dispute in moved)
        {
            await notifier.QueueAsync(dispute, Actor.System, sweep.Recipients, cancellationToken, OfficeHoursNotices.PostAt(sweep.Windows, sweep.Now));
        }
    }

    private static Step Apply(Dispute dispute, CaseWindows windows, DateTimeOffset now) => dispute.Status switch
    {
        DisputeStatus.AwaitingPlatform when dispute.Escalate(windows, now) => Step.Escalated,
        DisputeStatus.NeedsInfo when dispute.ExpireInfoRequest(now) => Step.Closed,
        DisputeStatus.PlatformResponded when dispute.AutoResolve(now) => Step.Resolved,
        _ => Step.None,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep: {Escalated} escalated, {Closed} closed, {Resolved} resolved, {Skipped} skipped")]
    private static partial void LogSwept(ILogger logger, int escalated, int closed, int resolved, int skipped);

    private enum Step
    {
        None,
        Escalated,
        Closed,
        Resolved,
    }

    /// <summary>What one run carries from batch to batch: its "now", windows, role look-ups and the cases it moved.</summary>
    private sealed class Sweep(DateTimeOffset now, CaseWindows windows)
    {
        public DateTimeOffset Now { get; } = now;
        public CaseWindows Windows { get; } = windows;
        public RecipientDirectory Recipients { get; } = new();
        public HashSet<Guid> Done { get; } = [];
        public Tally Tally { get; } = new();
    }

    private sealed class Tally
    {
        private readonly int[] _counts = new int[4];

        public void Add(Step step, int count = 1) => _counts[(int)step] += count;

        public SweepResult ToResult() => new(_counts[(int)Step.Escalated], _counts[(int)Step.Closed], _counts[(int)Step.Resolved], _counts[(int)Step.None]);
    }
}
