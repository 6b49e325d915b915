using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

public sealed class EvidenceRegistrationTests
{
    [Fact]
    public void An_azure_store_without_a_connection_string_or_service_uri_fails_validation()
    {
        using var provider = Services(new() { ["Evidence:Store"] = "AzureBlob" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EvidenceStoreOptions>>().Value);
        Assert.Contains("Evidence:ConnectionString", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Evidence:ServiceUri", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_azure_store_with_only_a_service_uri_is_valid_and_uses_the_managed_identity()
    {
        using var provider = Services(new()
        {
            ["Evidence:Store"] = "AzureBlob", ["Evidence:ServiceUri"] = "https://mdevidence.blob.core.windows.net/",
        });

        var options = provider.GetRequiredService<IOptions<EvidenceStoreOptions>>().Value;

        Assert.Equal(new Uri("https://mdevidence.blob.core.windows.net/"), options.ServiceUri);
        Assert.Null(options.ConnectionString);
        // Building the client makes no network call and asks for no token yet.
        Assert.NotNull(provider.GetRequiredService<IEvidenceStore>());
    }

    [Theory]
    [InlineData("http://mdevidence.blob.core.windows.net/")]
    [InlineData("mdevidence.blob.core.windows.net")]
    public void An_azure_service_uri_that_is_not_absolute_https_fails_validation(string uri)
    {
        using var provider = Services(new() { ["Evidence:Store"] = "AzureBlob", ["Evidence:ServiceUri"] = uri });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EvidenceStoreOptions>>().Value);
        Assert.Contains("Evidence:ServiceUri", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_wins_over_a_service_uri_and_is_not_checked_for_https()
    {
        using var provider = Services(new()
        {
            ["Evidence:Store"] = "AzureBlob",
            ["Evidence:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Evidence:ServiceUri"] = "http://127.0.0.1:10000/devstoreaccount1",
        });

        var options = provider.GetRequiredService<IOptions<EvidenceStoreOptions>>().Value;

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
    }

    [Fact]
    public void The_folder_store_ignores_the_azure_settings()
    {
        using var provider = Services(new() { ["Evidence:ServiceUri"] = "http://not-checked.example" });

        Assert.Equal(EvidenceStoreKind.FileSystem, provider.GetRequiredService<IOptions<EvidenceStoreOptions>>().Value.Store);
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
