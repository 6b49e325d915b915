using Hangfire;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Jobs;

/// <summary>
/// Removes blobs that no evidence row names once they are older than <c>Hangfire:OrphanGrace</c> (an hour by
/// default): what a crash between the blob write and the row write, or a failed compensation, leaves behind.
/// Younger blobs may belong to an upload still in flight.
/// </summary>
public sealed partial class EvidenceOrphanSweep(
    IEvidenceStore store, IServiceScopeFactory scopes, TimeProvider clock, IOptions<HangfireOptions> options, ILogger<EvidenceOrphanSweep> logger)
{
    private const int CheckBatch = 200;

    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.OrphanGrace;
        var removed = 0;
        foreach (var container in Enum.GetValues<EvidenceContainer>())
        {
            var batch = new List<string>();
            await foreach (var blob in store.ListAsync(container, cancellationToken))
            {
                if (blob.LastModified <= cutoff)
                {
                    batch.Add(blob.Name);
                }

                if (batch.Count == CheckBatch)
                {
                    removed += await RemoveUnknownAsync(container, batch, cancellationToken);
                    batch.Clear();
                }
            }

            removed += await RemoveUnknownAsync(container, batch, cancellationToken);
        }

        LogSwept(logger, removed);
        return removed;
    }

    private async Task<int> RemoveUnknownAsync(EvidenceContainer container, List<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var known = await db.Evidence.AsNoTracking().Where(e => names.Contains(e.BlobName)).Select(e => e.BlobName).ToListAsync(cancellationToken);
        var orphans = names.Except(known, StringComparer.Ordinal).ToList();
        foreach (var name in orphans)
        {
            await store.DeleteAsync(container, name, cancellationToken);
        }

        return orphans.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence orphan sweep removed {Count} blob(s)")]
    private static partial void LogSwept(ILogger logger, int count);
}
