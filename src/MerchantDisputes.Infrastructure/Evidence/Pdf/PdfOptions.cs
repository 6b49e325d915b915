using System.ComponentModel.DataAnnotations;

namespace MerchantDisputes.Infrastructure.Evidence.Pdf;

/// <summary>Section "Evidence:Pdf": how PDF statements are turned into page images by poppler-utils.</summary>
public sealed class PdfOptions
{
    public const string SectionName = "Evidence:Pdf";

    /// <summary>Poppler's renderer: a name looked up on PATH, or a full path. Missing: PDFs are refused, the app runs.</summary>
    [Required]
    public string Pdftoppm { get; set; } = "pdftoppm";

    /// <summary>Poppler's page counter, asked before anything is rendered.</summary>
    [Required]
    public string Pdfinfo { get; set; } = "pdfinfo";

    /// <summary>Pages one PDF may have; each page becomes one evidence item (and counts towards the case's files).</summary>
    [Range(1, 100)]
    public int MaxPages { get; set; } = 10;

    /// <summary>Wall-clock time each poppler process may run before it is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Address space each poppler process may use (prlimit --as), in MiB.</summary>
    [Range(64, 65_536)]
    public int MemoryLimitMegabytes { get; set; } = 1024;

    /// <summary>Each page is rendered with its longer side this many pixels (pdftoppm -scale-to).</summary>
    [Range(200, 8000)]
    public int PageSide { get; set; } = 1600;
}
