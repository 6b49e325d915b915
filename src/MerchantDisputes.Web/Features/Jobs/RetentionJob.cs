using Hangfire;
using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Web.Features.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Jobs;

/// <summary>What one run of <see cref="RetentionJob"/> removed.</summary>
public sealed record RetentionResult(int EvidencePurged, int SignInsPruned, int SentMailPruned);

/// <summary>
/// Keeps personal data no longer than docs/privacy.md says. Daily (<c>Privacy:RetentionCron</c>): the files of every
/// evidence item of a case that ended more than <c>Privacy:EvidenceRetention</c> ago (the original, the sanitized copy
/// and its thumbnail) are deleted and the item marked purged; its row, caption and hashes stay, so the timeline, which
/// names those hashes, still verifies. Sign-in attempts older than <c>Privacy:SignInHistoryRetention</c> and e-mails
/// sent longer ago than <c>Privacy:SentMailRetention</c> are deleted.
/// </summary>
public sealed partial class RetentionJob(
    IEvidenceStore store, IServiceScopeFactory scopes, TimeProvider clock, IOptions<PrivacyOptions> options, ILogger<RetentionJob> logger)
{
    private const int Batch = 100;

    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var purged = await PurgeEvidenceAsync(now - options.Value.EvidenceRetention, now, cancellationToken);
        var pruned = await PruneSignInsAsync(now - options.Value.SignInHistoryRetention, cancellationToken);
        var mail = await PruneSentMailAsync(now - options.Value.SentMailRetention, cancellationToken);
        LogRan(logger, purged, pruned, mail);
        return new RetentionResult(purged, pruned, mail);
    }

    private async Task<int> PurgeEvidenceAsync(DateTimeOffset endedBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
            var items = await db.Evidence
                .Where(e => e.PurgedAt == null && db.Disputes.Any(d => d.Id == e.DisputeId && d.EndedAt != null && d.EndedAt < endedBefore))
                .OrderBy(e => e.Id)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (items.Count == 0)
            {
                return total;
            }

            // The files go first and the mark after: a run stopped in between leaves items unmarked, and the next run
            // deletes again (deleting twice is fine). Marked first, a failed delete would leave files no run removes.
            foreach (var item in items)
            {
                await DeleteFilesAsync(item, cancellationToken);
                item.MarkPurged(now);
            }

            await db.SaveChangesAsync(cancellationToken);
            total += items.Count;
        }
    }

    private async Task DeleteFilesAsync(EvidenceItem item, CancellationToken cancellationToken)
    {
        foreach (var container in Enum.GetValues<EvidenceContainer>())
        {
            await store.DeleteAsync(container, item.BlobName, cancellationToken);
        }
    }

    private async Task<int> PruneSignInsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        return await db.SignInEvents.Where(e => e.At < before).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<int> PruneSentMailAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        return await db.OutboxEmails.Where(m => m.SentAt != null && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: purged the files of {Evidence} evidence item(s), pruned {SignIns} sign-in attempt(s) and {Mail} sent e-mail(s)")]
    private static partial void LogRan(ILogger logger, int evidence, int signIns, int mail);
}
