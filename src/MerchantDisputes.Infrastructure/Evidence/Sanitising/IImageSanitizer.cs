namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// Turns an upload into evidence that is safe to store and show: recognised by its bytes, within the limits,
/// decoded, turned upright, stripped of every piece of metadata (EXIF with GPS, ICC, IPTC, XMP, PNG text),
/// re-encoded, with a thumbnail and the SHA-256 of the original and of the result.
/// </summary>
public interface IImageSanitizer
{
    /// <summary>Reads at most <see cref="EvidenceLimits.MaxFileBytes"/> + 1 bytes of <paramref name="original"/>.</summary>
    /// <exception cref="EvidenceRejectedException">The upload is not acceptable; see its <see cref="EvidenceRejectedException.Reason"/>.</exception>
    Task<SanitizedImage> SanitizeAsync(Stream original, CancellationToken cancellationToken = default);
}
