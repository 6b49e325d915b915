namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>Why an upload was refused. The web layer maps each to a status code and a localized message.</summary>
public enum EvidenceRejectionReason
{
    /// <summary>No bytes at all (422).</summary>
    Empty,

    /// <summary>More bytes than <see cref="EvidenceLimits.MaxFileBytes"/> (413).</summary>
    TooLarge,

    /// <summary>The bytes are not PNG, JPEG, WebP, GIF or BMP (415).</summary>
    UnsupportedFormat,

    /// <summary>Width × height or one side over the limits (422).</summary>
    TooManyPixels,

    /// <summary>More than one frame: animated GIF, APNG or animated WebP (422).</summary>
    Animated,

    /// <summary>Truncated or malformed image data (422).</summary>
    Corrupt,

    /// <summary>The file asks more of the decoder than a screenshot does: too many JPEG scans, components or tables (422).</summary>
    TooComplex,

    /// <summary>Decoding took longer than <see cref="EvidenceLimits.MaxDecodeTime"/> and was stopped (422).</summary>
    TooSlow,

    /// <summary>A PDF with more pages than allowed (422).</summary>
    TooManyPages,

    /// <summary>PDF statements cannot be read on this server: pdftoppm is not installed (422).</summary>
    PdfUnavailable,
}

/// <summary>The upload is not acceptable evidence. The message is for logs; users see a text chosen by <see cref="Reason"/>.</summary>
public sealed class EvidenceRejectedException : Exception
{
    public EvidenceRejectedException()
        : this(EvidenceRejectionReason.Corrupt)
    {
    }

    public EvidenceRejectedException(string message)
        : this(EvidenceRejectionReason.Corrupt, message)
    {
    }

    public EvidenceRejectedException(string message, Exception innerException)
        : this(EvidenceRejectionReason.Corrupt, message, innerException)
    {
    }

    public EvidenceRejectedException(EvidenceRejectionReason reason, string? detail = null, Exception? innerException = null)
        : base(detail is null ? $"Evidence rejected: {reason}." : $"Evidence rejected: {reason}. {detail}", innerException)
    {
        Reason = reason;
    }

    public EvidenceRejectionReason Reason { get; }
}
