using MerchantDisputes.Infrastructure.Evidence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

public sealed class EvidenceRegistrationTests
{
    [Fact]
    public void An_azure_store_without_a_connection_string_fails_validation()
    {
        using var provider = Services(new() { ["Evidence:Store"] = "AzureBlob" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EvidenceStoreOptions>>().Value);
        Assert.Contains("Evidence:ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_root_path_defaults_to_evidence_under_the_data_directory()
    {
        using var provider = Services([]);

        var options = provider.GetRequiredService<IOptions<EvidenceStoreOptions>>().Value;

        Assert.Equal(EvidenceStoreKind.FileSystem, options.Store);
        Assert.Equal(Path.GetFullPath(Path.Combine("/srv/data", "evidence")), options.RootPath);
    }

    [Fact]
    public void The_limits_have_the_documented_defaults()
    {
        using var provider = Services([]);

        var limits = provider.GetRequiredService<IOptions<EvidenceLimits>>().Value;

        Assert.Equal(10L * 1024 * 1024, limits.MaxFileBytes);
        Assert.Equal(50_000_000, limits.MaxPixels);
        Assert.Equal(32_768, limits.MaxSide);
        Assert.Equal(320, limits.MaxThumbnailSide);
        Assert.Equal(20, limits.MaxFilesPerCase);
        Assert.Equal(100L * 1024 * 1024, limits.MaxBytesPerCase);
    }

    [Fact]
    public void Impossible_limits_fail_validation()
    {
        using var provider = Services(new() { ["Evidence:Limits:MaxFileBytes"] = "0" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EvidenceLimits>>().Value);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddEvidenceStore(configuration, "/srv/data")
            .AddImageSanitizer(configuration)
            .BuildServiceProvider();
    }
}
