using MerchantDisputes.Infrastructure.Evidence.Sanitising;

namespace MerchantDisputes.Infrastructure.Evidence.Pdf;

/// <summary>Renders each page of a PDF statement to a PNG in a process of its own, bounded in time and memory.</summary>
public interface IPdfRenderer
{
    /// <summary>False when pdftoppm or pdfinfo is not installed: PDFs are refused with a clear message.</summary>
    bool IsAvailable { get; }

    /// <exception cref="EvidenceRejectedException">
    /// Not available, more pages than allowed, a PDF poppler cannot read (or one behind a password), or past the timeout.
    /// </exception>
    Task<IReadOnlyList<EvidenceUpload>> RenderAsync(EvidenceUpload pdf, CancellationToken cancellationToken);
}
