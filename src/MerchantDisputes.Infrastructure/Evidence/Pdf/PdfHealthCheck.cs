using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MerchantDisputes.Infrastructure.Evidence.Pdf;

/// <summary>For /health/ready: without poppler the app still takes screenshots, so PDF off is degraded, not failed.</summary>
internal sealed class PdfHealthCheck(IPdfRenderer renderer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(renderer.IsAvailable
            ? HealthCheckResult.Healthy("PDF statements are on.")
            : HealthCheckResult.Degraded("PDF statements are off: pdftoppm or pdfinfo is not installed."));
}
