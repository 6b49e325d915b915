using MerchantDisputes.Infrastructure.Evidence.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MerchantDisputes.Infrastructure.Evidence;

public static class EvidenceServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IImageSanitizer"/> with <see cref="EvidenceLimits"/> bound to "Evidence:Limits".</summary>
    public static IServiceCollection AddImageSanitizer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EvidenceLimits>()
            .Bind(configuration.GetSection(EvidenceLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IImageSanitizer, ImageSanitizer>();
        return services;
    }
}
