namespace MerchantDisputes.Infrastructure.Evidence;

/// <summary>Where a blob lives. Each maps to one container (Azure) or folder (file system).</summary>
public enum EvidenceContainer
{
    /// <summary>"evidence": the re-encoded image without metadata, shown to everyone allowed to see the case.</summary>
    Sanitized,

    /// <summary>"evidence-thumbnails".</summary>
    Thumbnail,

    /// <summary>"evidence-originals": the bytes as uploaded; never for platform agents or the public.</summary>
    Original,
}
