using System.Globalization;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Pdf;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using MerchantDisputes.Web.Features.Disputes;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Evidence;

/// <summary>The upload would break a limit of the case (too many files or bytes): HTTP 422.</summary>
public sealed class EvidenceLimitException(string messageKey, params object[] arguments) : Exception(messageKey)
{
    public EvidenceLimitException()
        : this("Evidence.Limit")
    {
    }

    public EvidenceLimitException(string message, Exception innerException)
        : this(message)
    {
        _ = innerException;
    }

    public string MessageKey { get; } = messageKey;
    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>The result of an upload: the items it made (one per page of a PDF), or the one already on the case.</summary>
public sealed record UploadResult(IReadOnlyList<EvidenceItem> Items, bool AlreadyPresent)
{
    public EvidenceItem Item => Items[0];
}

/// <summary>A file received whole, and the caption that came with it.</summary>
public sealed record UploadInput(EvidenceUpload File, string? Caption);

/// <summary>
/// Bounds how many images are decoded (and PDFs rendered) at once: one 50-megapixel image takes about 200 MB while it
/// is processed, so memory stays bounded by a few files however many requests arrive. A file takes a slot only once it
/// has arrived whole, so a slow sender never holds one (issue 22).
/// </summary>
public sealed class SanitizeGate(IImageSanitizer sanitizer, IPdfRenderer pdf, IOptions<EvidenceLimits> limits) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(limits.Value.MaxConcurrentDecodes > 0 ? limits.Value.MaxConcurrentDecodes : Math.Max(1, Environment.ProcessorCount));

    /// <summary>One sanitized image for a screenshot; one per page for a PDF, the first keeping the PDF as its original.</summary>
    public async Task<IReadOnlyList<SanitizedImage>> SanitizeAsync(EvidenceUpload file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.IsPdf)
        {
            return [await InSlotAsync(() => sanitizer.SanitizeAsync(file.OpenRead(), cancellationToken), cancellationToken)];
        }

        var pages = await InSlotAsync(() => pdf.RenderAsync(file, cancellationToken), cancellationToken);
        var images = new List<SanitizedImage>(pages.Count);
        foreach (var page in pages)
        {
            images.Add(await InSlotAsync(() => sanitizer.SanitizeAsync(page.OpenRead(), cancellationToken), cancellationToken));
        }

        images[0] = images[0].WithPdfOriginal(file);
        return images;
    }

    private async Task<T> InSlotAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}

/// <summary>
/// Adds and removes screenshots. Write order: the three blobs first, then the row with its timeline entry in one
/// transaction; if that fails the blobs are deleted again, and the hourly orphan sweep catches what a crash leaves.
/// </summary>
public sealed class EvidenceService(
    DisputesDbContext db,
    IEvidenceStore store,
    IOptions<EvidenceLimits> limits,
    TimeProvider clock,
    Notifications.CaseNotifier notifier,
    Web.Infrastructure.DisputeMetrics metrics,
    SanitizeGate gate)
{
    /// <summary>A draft, an answer to an information request, and new evidence for contesting the platform's answer.</summary>
    private static readonly DisputeStatus[] OpenForEvidence = [DisputeStatus.Draft, DisputeStatus.NeedsInfo, DisputeStatus.PlatformResponded];

    /// <param name="receive">Receives the whole file; called only once the case may take another file.</param>
    /// <remarks>
    /// Order: the case, the file count, the whole file, its caption, the exact duplicate by the SHA-256 of the bytes as
    /// sent, the case's bytes, and only then a decode slot. A PDF becomes one item per page, captioned "…（第 n 页）".
    /// </remarks>
    public async Task<UploadResult> AddAsync(Actor actor, Guid disputeId, Func<CancellationToken, Task<UploadInput>> receive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(receive);
        var dispute = await LoadForChangeAsync(actor, disputeId, cancellationToken);
        await CheckCountAsync(disputeId, 1, cancellationToken);
        var (file, caption) = await receive(cancellationToken);
        CheckCaption(caption);
        var existing = await db.Evidence.AsNoTracking()
            .SingleOrDefaultAsync(e => e.DisputeId == disputeId && e.OriginalSha256 == file.Sha256, cancellationToken);
        if (existing is not null)
        {
            return new UploadResult([existing], AlreadyPresent: true);
        }

        await CheckBytesAsync(disputeId, file.Length, cancellationToken);
        var pages = await NewPagesAsync(disputeId, await gate.SanitizeAsync(file, cancellationToken), caption, cancellationToken);
        var items = new List<EvidenceItem>(pages.Count);
        foreach (var (image, pageCaption) in pages)
        {
            // A millisecond apart, so that a PDF's pages list in their order (the list is ordered by time, then id).
            var item = await NewItemAsync(actor, dispute, image, pageCaption, TimeSpan.FromMilliseconds(items.Count), cancellationToken);
            await PutBlobsAsync(item.BlobName, image, items, cancellationToken);
            items.Add(item);
        }

        await SaveOrCompensateAsync(actor, dispute, items, cancellationToken);
        foreach (var (image, _) in pages)
        {
            metrics.EvidenceStored(image.Original.Length, image.Content.Length, image.Thumbnail.Length);
        }

        return new UploadResult(items, AlreadyPresent: false);
    }

    /// <summary>
    /// The images to keep and their captions. A PDF's pages are checked against the case's limits together; a page whose
    /// image is already on the case (a blank page twice, say) is left out, as any exact duplicate is.
    /// </summary>
    private async Task<List<(SanitizedImage Image, string? Caption)>> NewPagesAsync(
        Guid disputeId, IReadOnlyList<SanitizedImage> images, string? caption, CancellationToken cancellationToken)
    {
        if (images.Count == 1)
        {
            return [(images[0], caption)];
        }

        var hashes = images.Select(i => i.OriginalSha256).ToList();
        var known = await db.Evidence.Where(e => e.DisputeId == disputeId && hashes.Contains(e.OriginalSha256))
            .Select(e => e.OriginalSha256).ToListAsync(cancellationToken);
        var seen = new HashSet<string>(known, StringComparer.Ordinal);
        var pages = images.Select((image, index) => (Image: image, Caption: (string?)PageCaption(caption, index + 1)))
            .Where(page => seen.Add(page.Image.OriginalSha256)).ToList();
        await CheckCountAsync(disputeId, pages.Count, cancellationToken);
        await CheckBytesAsync(disputeId, pages.Sum(p => p.Image.Original.Length), cancellationToken);
        return pages;
    }

    /// <summary>"对账单（第 2 页）", or "第 2 页" without a caption, cut to the caption's length.</summary>
    private static string PageCaption(string? caption, int page)
    {
        var text = string.IsNullOrWhiteSpace(caption)
            ? Problems.Text("Evidence.PdfPage", page)
            : Problems.Text("Evidence.PdfPageCaption", caption.Trim(), page);
        return text.Length <= EvidenceItem.CaptionMaxLength ? text : text[..EvidenceItem.CaptionMaxLength];
    }

    public async Task RemoveAsync(Actor actor, Guid evidenceId, CancellationToken cancellationToken)
    {
        var item = await db.Evidence.SingleOrDefaultAsync(e => e.Id == evidenceId, cancellationToken) ?? throw new DisputeNotFoundException();
        var dispute = await LoadForChangeAsync(actor, item.DisputeId, cancellationToken);
        if (dispute.Status != DisputeStatus.Draft)
        {
            throw new InvalidTransitionException(dispute.Status, DisputeAction.EditDraft);
        }

        db.Evidence.Remove(item);
        dispute.Record(actor, "EvidenceRemoved", new Dictionary<string, string?>
        {
            ["evidenceId"] = item.Id.ToString(), ["originalSha256"] = item.OriginalSha256,
        }, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        // The row is gone first; a blob left behind by a failure here is an orphan the hourly sweep removes.
        foreach (var container in Enum.GetValues<EvidenceContainer>())
        {
            await store.DeleteAsync(container, item.BlobName, CancellationToken.None);
        }
    }

    public async Task<EvidenceItem> CaptionAsync(Actor actor, Guid evidenceId, string? caption, CancellationToken cancellationToken)
    {
        CheckCaption(caption);
        var item = await db.Evidence.SingleOrDefaultAsync(e => e.Id == evidenceId, cancellationToken) ?? throw new DisputeNotFoundException();
        var dispute = await LoadForChangeAsync(actor, item.DisputeId, cancellationToken);
        if (dispute.Status != DisputeStatus.Draft)
        {
            throw new InvalidTransitionException(dispute.Status, DisputeAction.EditDraft);
        }

        item.ChangeCaption(caption);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>Only the case's merchant adds or removes evidence: before submission, to answer a request, or to contest an answer.</summary>
    private async Task<Dispute> LoadForChangeAsync(Actor actor, Guid disputeId, CancellationToken cancellationToken)
    {
        var dispute = await db.Disputes.Where(DisputeVisibility.For(actor)).SingleOrDefaultAsync(d => d.Id == disputeId, cancellationToken)
            ?? throw new DisputeNotFoundException();
        if (!actor.Is(Roles.Merchant))
        {
            throw new ActionNotAllowedException(DisputeAction.EditDraft, actor.Role);
        }

        if (!OpenForEvidence.Contains(dispute.Status))
        {
            throw new EvidenceLockedException(dispute.Status);
        }

        return dispute;
    }

    private async Task CheckCountAsync(Guid disputeId, int adding, CancellationToken cancellationToken)
    {
        var count = await db.Evidence.CountAsync(e => e.DisputeId == disputeId, cancellationToken);
        if (count + adding > limits.Value.MaxFilesPerCase)
        {
            throw new EvidenceLimitException("Evidence.TooManyFiles", limits.Value.MaxFilesPerCase);
        }
    }

    private async Task CheckBytesAsync(Guid disputeId, long adding, CancellationToken cancellationToken)
    {
        var stored = await db.Evidence.Where(e => e.DisputeId == disputeId).SumAsync(e => (long?)e.OriginalBytes, cancellationToken) ?? 0;
        if (stored + adding > limits.Value.MaxBytesPerCase)
        {
            throw new EvidenceLimitException("Evidence.TooManyBytes", limits.Value.MaxBytesPerCase / (1024 * 1024));
        }
    }

    private async Task<EvidenceItem> NewItemAsync(Actor actor, Dispute dispute, SanitizedImage image, string? caption, TimeSpan offset, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow() + offset;
        var id = Guid.CreateVersion7(now);
        var seenElsewhere = await db.Evidence.AnyAsync(
            e => e.OriginalSha256 == image.OriginalSha256 && db.Disputes.Any(d => d.Id == e.DisputeId && d.MerchantId != dispute.MerchantId),
            cancellationToken);
        var blobName = string.Create(CultureInfo.InvariantCulture, $"{now:yyyy}/{now:MM}/{id:N}");
        return EvidenceItem.Create(new EvidenceFacts(
            id, dispute.Id, actor.UserId!.Value, caption, image.Content.Extension.TrimStart('.'), image.Content.ContentType,
            image.OriginalFormat.ToString().ToLowerInvariant(), image.Width, image.Height, image.Original.Length, image.Content.Length,
            image.OriginalSha256, image.ContentSha256, blobName, seenElsewhere), now);
    }

    /// <summary>All three or none, for this item and the pages before it: a failure part-way deletes what was written.</summary>
    private async Task PutBlobsAsync(string name, SanitizedImage image, IReadOnlyList<EvidenceItem> written, CancellationToken cancellationToken)
    {
        try
        {
            await PutBlobsAsync(name, image, cancellationToken);
        }
        catch
        {
            foreach (var item in written)
            {
                await DeleteQuietlyAsync(item.BlobName, Enum.GetValues<EvidenceContainer>());
            }

            throw;
        }
    }

    private async Task PutBlobsAsync(string name, SanitizedImage image, CancellationToken cancellationToken)
    {
        (EvidenceContainer Container, EncodedImage Image)[] parts =
        [
            (EvidenceContainer.Original, image.Original), (EvidenceContainer.Sanitized, image.Content), (EvidenceContainer.Thumbnail, image.Thumbnail),
        ];
        var written = new List<EvidenceContainer>();
        try
        {
            foreach (var (container, encoded) in parts)
            {
                await using var content = encoded.OpenRead();
                await store.PutAsync(container, name, content, encoded.ContentType, cancellationToken);
                written.Add(container);
            }
        }
        catch
        {
            await DeleteQuietlyAsync(name, written);
            throw;
        }
    }

    /// <summary>
    /// Writes the row and its timeline entry. Two uploads to one case at once race for the next timeline entry;
    /// the loser reloads the case and tries again (the blobs are already safe). Any other failure removes the blobs.
    /// </summary>
    private async Task SaveOrCompensateAsync(Actor actor, Dispute dispute, IReadOnlyList<EvidenceItem> items, CancellationToken cancellationToken)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            Dispute? fresh = null;
            try
            {
                await SaveAsync(actor, dispute, items, cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (attempt < attempts && DisputeCommands.IsRace(e))
            {
                fresh = await ReloadAsync(dispute.Id, cancellationToken);
                if (fresh is null)
                {
                    await DeleteAllQuietlyAsync(items);
                    throw;
                }
            }
            catch
            {
                await DeleteAllQuietlyAsync(items);
                throw;
            }

            dispute = fresh;
        }
    }

    /// <summary>Every page of one upload in one transaction, each with its own timeline entry.</summary>
    private async Task SaveAsync(Actor actor, Dispute dispute, IReadOnlyList<EvidenceItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            db.Evidence.Add(item);
            dispute.Record(actor, "EvidenceAdded", new Dictionary<string, string?>
            {
                ["evidenceId"] = item.Id.ToString(),
                ["originalSha256"] = item.OriginalSha256,
                ["sanitizedSha256"] = item.SanitizedSha256,
                ["bytes"] = item.OriginalBytes.ToString(CultureInfo.InvariantCulture),
            }, clock.GetUtcNow());
        }

        await notifier.QueueAsync(dispute, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task DeleteAllQuietlyAsync(IEnumerable<EvidenceItem> items)
    {
        foreach (var item in items)
        {
            await DeleteQuietlyAsync(item.BlobName, Enum.GetValues<EvidenceContainer>());
        }
    }

    /// <summary>The case as it is now, if it still takes evidence; null ends the retries.</summary>
    private async Task<Dispute?> ReloadAsync(Guid disputeId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var dispute = await db.Disputes.SingleOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
        return dispute is not null && OpenForEvidence.Contains(dispute.Status) ? dispute : null;
    }

    private async Task DeleteQuietlyAsync(string name, IEnumerable<EvidenceContainer> containers)
    {
        foreach (var container in containers)
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

    private static void CheckCaption(string? caption)
    {
        var errors = new Domain.Validation.ValidationErrors();
        errors.OptionalText("caption", caption, EvidenceItem.CaptionMaxLength);
        errors.ThrowIfAny();
    }
}

/// <summary>Evidence of a submitted case cannot change (HTTP 409).</summary>
public sealed class EvidenceLockedException : Exception
{
    public EvidenceLockedException(DisputeStatus status)
        : base($"Evidence cannot change while the dispute is {status}.")
    {
        Status = status;
    }

    public EvidenceLockedException()
    {
    }

    public EvidenceLockedException(string message)
        : base(message)
    {
    }

    public EvidenceLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DisputeStatus Status { get; }
}
