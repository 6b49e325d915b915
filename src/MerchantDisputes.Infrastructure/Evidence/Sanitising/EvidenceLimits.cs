using System.ComponentModel.DataAnnotations;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>Section "Evidence:Limits". The sanitizer enforces the per-file limits; the caller enforces the per-case ones.</summary>
public sealed class EvidenceLimits
{
    public const string SectionName = "Evidence:Limits";

    /// <summary>Largest upload accepted, in bytes (10 MiB). Capped at 256 MiB because the sanitizer holds the file in memory.</summary>
    [Range(typeof(long), "1", "268435456")]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest width × height decoded. 50 million covers a 1080 × 30,000 phone screenshot with room to spare.</summary>
    [Range(typeof(long), "1", "268435456")]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>Longest side accepted, in pixels.</summary>
    [Range(1, 65_535)]
    public int MaxSide { get; set; } = 32_768;

    /// <summary>
    /// Scans (SOS markers) a JPEG may have. A progressive JPEG needs about ten; each scan makes the decoder walk every
    /// block of the image again, so a file repeating a tiny scan 50,000 times costs minutes of CPU (issue 22).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxJpegScans { get; set; } = 100;

    /// <summary>
    /// Time one file may take from its first check to its last encoded byte, on the wall clock (a CPU budget, not
    /// business time); past it the decode is cancelled and the upload refused (422). ImageSharp checks between segments.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxDecodeTime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Files decoded (or PDFs rendered) at once on this instance; 0 means one per processor.</summary>
    [Range(0, 1024)]
    public int MaxConcurrentDecodes { get; set; }

    /// <summary>The thumbnail fits within a square of this side.</summary>
    [Range(16, 4096)]
    public int MaxThumbnailSide { get; set; } = 320;

    /// <summary>Evidence files one case may hold; enforced by the caller, which knows the case.</summary>
    [Range(1, 10_000)]
    public int MaxFilesPerCase { get; set; } = 20;

    /// <summary>Original bytes one case may hold; enforced by the caller.</summary>
    [Range(typeof(long), "1", "1099511627776")]
    public long MaxBytesPerCase { get; set; } = 100 * 1024 * 1024;
}
