using Hangfire;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Notifications;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Escalation;

public sealed record SweepResult(int Escalated, int Closed, int Resolved, int Skipped)
{
    public int Moved => Escalated + Closed + Resolved;
}

/// <summary>
/// Moves every case whose timer has run out one step: AwaitingPlatform climbs the escalation ladder, NeedsInfo
/// closes, PlatformResponded resolves. The truth of each deadline is the case row, so a restart loses nothing.
/// Reads only due cases through the (Status, DeadlineAt) index, in batches; each case is saved on its own under
/// the concurrency token, so two sweeps at once move a case once and the loser skips it.
/// </summary>
public sealed partial class DeadlineSweep(
    IServiceScopeFactory scopes, TimeProvider clock, IOptionsMonitor<EscalationOptions> options, ILogger<DeadlineSweep> logger, DisputeMetrics metrics)
{
    public const int BatchSize = 200;

    private static readonly DisputeStatus[] TimedStatuses =
        [DisputeStatus.AwaitingPlatform, DisputeStatus.NeedsInfo, DisputeStatus.PlatformResponded];

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        using var timing = metrics.TimeSweep(clock);
        var now = clock.GetUtcNow();
        var windows = options.CurrentValue.Windows;
        var done = new HashSet<Guid>();
        var tally = new Tally();
        (DateTimeOffset At, Guid Id)? after = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await DueBatchAsync(now, after, cancellationToken);
            foreach (var (id, deadline) in batch)
            {
                if (done.Add(id))
                {
                    tally.Add(await StepAsync(id, windows, now, cancellationToken));
                }

                after = (deadline, id);
            }

            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        var result = tally.ToResult();
        LogSwept(logger, result.Escalated, result.Closed, result.Resolved, result.Skipped);
        return result;
    }

    /// <summary>Keyset page over (DeadlineAt, Id) of cases due at the sweep's start.</summary>
    private async Task<List<(Guid Id, DateTimeOffset Deadline)>> DueBatchAsync(
        DateTimeOffset now, (DateTimeOffset At, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var query = db.Disputes.AsNoTracking()
            .Where(d => TimedStatuses.Contains(d.Status) && d.DeadlineAt != null && d.DeadlineAt <= now);
        if (after is { } key)
        {
            // The first condition is implied by the second; it is there so the database can start the index range
            // at the key instead of re-reading every still-due entry on each page.
            query = query.Where(d => d.DeadlineAt >= key.At)
                .Where(d => d.DeadlineAt > key.At || (d.DeadlineAt == key.At && d.Id.CompareTo(key.Id) > 0));
        }

        var rows = await query.OrderBy(d => d.DeadlineAt).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.DeadlineAt })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.DeadlineAt!.Value)).ToList();
    }

    private async Task<Step> StepAsync(Guid id, CaseWindows windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var dispute = await db.Disputes.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        var step = dispute is null ? Step.None : Apply(dispute, windows, now);
        if (step == Step.None)
        {
            return Step.None;
        }

        await scope.ServiceProvider.GetRequiredService<CaseNotifier>().QueueAsync(dispute!, Actor.System, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (step == Step.Escalated)
            {
                metrics.Escalated(dispute!.EscalationLevel);
            }

            return step;
        }
        catch (DbUpdateException)
        {
            // Another sweep (or a person) changed the case first; its next run sees the new state.
            return Step.None;
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

    private sealed class Tally
    {
        private readonly int[] _counts = new int[4];

        public void Add(Step step) => _counts[(int)step]++;

        public SweepResult ToResult() => new(_counts[(int)Step.Escalated], _counts[(int)Step.Closed], _counts[(int)Step.Resolved], _counts[(int)Step.None]);
    }
}
