namespace MerchantDisputes.Domain.Evidence;

/// <summary>
/// One screenshot on a case: the sanitized image, its thumbnail and the original bytes, each in its own blob
/// container under a generated name. The hashes let anyone check the files against the timeline.
/// </summary>
public sealed class EvidenceItem
{
    public const int CaptionMaxLength = 500;

    private EvidenceItem()
    {
        Caption = string.Empty;
        Format = string.Empty;
        ContentType = string.Empty;
        OriginalSha256 = string.Empty;
        SanitizedSha256 = string.Empty;
        BlobName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid DisputeId { get; private set; }
    public Guid UploadedBy { get; private set; }
    public string Caption { get; private set; }

    /// <summary>Format of the sanitized image (png, jpeg); <see cref="ContentType"/> is what downloads declare.</summary>
    public string Format { get; private set; }

    public string ContentType { get; private set; }
    public string? OriginalFormat { get; private set; }
    public int Width { get; private set; }
    public int Height { get; private set; }
    public long OriginalBytes { get; private set; }
    public long SanitizedBytes { get; private set; }
    public string OriginalSha256 { get; private set; }
    public string SanitizedSha256 { get; private set; }

    /// <summary>One generated name used in all three containers.</summary>
    public string BlobName { get; private set; }

    /// <summary>The same original bytes are already in another merchant's case: mediators should look.</summary>
    public bool SeenInOtherMerchantsCase { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// When the retention job deleted the files (original, sanitized copy, thumbnail) of this item's ended case. The
    /// row, its hashes and its caption stay, so the timeline and the hashes still verify; null while the files exist.
    /// </summary>
    public DateTimeOffset? PurgedAt { get; private set; }

    public bool IsPurged => PurgedAt is not null;

    public static EvidenceItem Create(EvidenceFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new EvidenceItem
        {
            Id = facts.Id,
            DisputeId = facts.DisputeId,
            UploadedBy = facts.UploadedBy,
            Caption = (facts.Caption ?? string.Empty).Trim(),
            Format = facts.Format,
            ContentType = facts.ContentType,
            OriginalFormat = facts.OriginalFormat,
            Width = facts.Width,
            Height = facts.Height,
            OriginalBytes = facts.OriginalBytes,
            SanitizedBytes = facts.SanitizedBytes,
            OriginalSha256 = facts.OriginalSha256,
            SanitizedSha256 = facts.SanitizedSha256,
            BlobName = facts.BlobName,
            SeenInOtherMerchantsCase = facts.SeenInOtherMerchantsCase,
            CreatedAt = now,
        };
    }

    public void ChangeCaption(string? caption) => Caption = (caption ?? string.Empty).Trim();

    /// <summary>Records that the files are gone for good (the retention period of an ended case passed).</summary>
    public void MarkPurged(DateTimeOffset now) => PurgedAt ??= now;
}

/// <summary>What the upload pipeline learned about a file, in the form the item is built from.</summary>
public sealed record EvidenceFacts(
    Guid Id,
    Guid DisputeId,
    Guid UploadedBy,
    string? Caption,
    string Format,
    string ContentType,
    string? OriginalFormat,
    int Width,
    int Height,
    long OriginalBytes,
    long SanitizedBytes,
    string OriginalSha256,
    string SanitizedSha256,
    string BlobName,
    bool SeenInOtherMerchantsCase);
