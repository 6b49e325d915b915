using MerchantDisputes.Infrastructure.Evidence;

namespace MerchantDisputes.Web.Features.Evidence;

/// <summary>Removes the blobs of evidence rows already deleted: all three containers, each name once.</summary>
public sealed class EvidenceBlobs(IEvidenceStore store)
{
    /// <summary>Never throws for a store that cannot be reached: what is left, the hourly orphan sweep removes.</summary>
    public async Task DeleteQuietlyAsync(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            foreach (var container in Enum.GetValues<EvidenceContainer>())
            {
                try
                {
                    await store.DeleteAsync(container, name, CancellationToken.None);
                }
                catch (EvidenceStoreUnavailableException)
                {
                    // Left for the orphan sweep, which removes blobs no row names once they are an hour old.
                }
            }
        }
    }
}
