using MerchantDisputes.Infrastructure.Evidence.Pdf;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using MerchantDisputes.Infrastructure.Evidence.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Infrastructure.Evidence;

public static class EvidenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEvidenceStore"/> from section "Evidence": <c>Store</c> (FileSystem or AzureBlob),
    /// <c>ConnectionString</c> for Azure, <c>RootPath</c> for the folder (default "&lt;dataDirectory&gt;/evidence").
    /// </summary>
    public static IServiceCollection AddEvidenceStore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.AddOptions<EvidenceStoreOptions>()
            .Bind(configuration.GetSection(EvidenceStoreOptions.SectionName))
            .PostConfigure(options => options.RootPath = Path.GetFullPath(
                Path.Combine(dataDirectory, string.IsNullOrWhiteSpace(options.RootPath) ? "evidence" : options.RootPath)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(CreateStore);
        return services;
    }

    /// <summary>Registers <see cref="IImageSanitizer"/> with <see cref="EvidenceLimits"/> bound to "Evidence:Limits".</summary>
    public static IServiceCollection AddImageSanitizer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EvidenceLimits>()
            .Bind(configuration.GetSection(EvidenceLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IImageSanitizer, ImageSanitizer>();
        services.AddOptions<PdfOptions>()
            .Bind(configuration.GetSection(PdfOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IPdfRenderer, PdfRenderer>();
        return services;
    }

    /// <summary>Adds "PDF statements on" to the health checks: Degraded (never Unhealthy) when poppler is missing.</summary>
    public static IHealthChecksBuilder AddPdfCheck(this IHealthChecksBuilder builder, string name = "pdf", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<PdfHealthCheck>(name, HealthStatus.Degraded, tags ?? ["ready"]);
    }

    /// <summary>Adds the evidence store to the health checks, for /health/ready.</summary>
    public static IHealthChecksBuilder AddEvidenceStoreCheck(this IHealthChecksBuilder builder, string name = "evidence-store", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<EvidenceStoreHealthCheck>(name, HealthStatus.Unhealthy, tags ?? ["ready"]);
    }

    private static IEvidenceStore CreateStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EvidenceStoreOptions>>().Value;
        return options.Store switch
        {
            EvidenceStoreKind.AzureBlob => new AzureBlobEvidenceStore(options),
            _ => new FileSystemEvidenceStore(options.RootPath!),
        };
    }
}
