using System.Diagnostics;
using MerchantDisputes.Infrastructure.Evidence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

/// <summary>Stops the shared Azurite mid-run; the collection runs its tests one at a time, so nobody else notices.</summary>
[Collection(SharedAzurite.Name)]
public sealed class AzureBlobStoreOutageTests(AzuriteFixture azurite)
{
    // Two retries with short back-off on a refused connection take about a second; allow for a slow machine.
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_stopped_store_fails_fast_as_unavailable_and_works_again_after_a_restart()
    {
        var store = AzureBlobEvidenceStoreTests.AzureStore(azurite);
        var name = $"outage/{Guid.NewGuid():N}.png";
        await store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([1, 2, 3]), "image/png");

        azurite.Stop();
        try
        {
            await AssertUnavailableQuickly(() => store.PutAsync(EvidenceContainer.Sanitized, $"outage/{Guid.NewGuid():N}.png", new MemoryStream([4]), "image/png"));
            await AssertUnavailableQuickly(() => store.OpenReadAsync(EvidenceContainer.Sanitized, name));
            await AssertUnavailableQuickly(() => store.ExistsAsync(EvidenceContainer.Sanitized, name));
            await AssertUnavailableQuickly(() => store.DeleteAsync(EvidenceContainer.Sanitized, name));
            await AssertUnavailableQuickly(() => store.CheckAsync());
            await AssertUnavailableQuickly(async () =>
            {
                await foreach (var item in store.ListAsync(EvidenceContainer.Sanitized))
                {
                    Assert.Fail($"Listed {item.Name} from a stopped store.");
                }
            });
        }
        finally
        {
            await azurite.StartAsync();
        }

        // The restarted emulator is empty: the same store object makes its containers again by itself.
        var again = $"outage/{Guid.NewGuid():N}.png";
        await store.PutAsync(EvidenceContainer.Sanitized, again, new MemoryStream([5, 6]), "image/png");
        await using var blob = await store.OpenReadAsync(EvidenceContainer.Sanitized, again);
        Assert.NotNull(blob);
        await store.CheckAsync();
    }

    [Fact]
    public async Task The_health_check_reports_a_stopped_store_unhealthy()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Evidence:Store"] = "AzureBlob",
            ["Evidence:ConnectionString"] = azurite.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddEvidenceStore(configuration, Path.GetTempPath());
        services.AddHealthChecks().AddEvidenceStoreCheck();
        using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        azurite.Stop();
        try
        {
            var report = await health.CheckHealthAsync();

            Assert.Equal(HealthStatus.Unhealthy, report.Status);
            Assert.IsType<EvidenceStoreUnavailableException>(report.Entries["evidence-store"].Exception);
        }
        finally
        {
            await azurite.StartAsync();
        }
    }

    private static async Task AssertUnavailableQuickly(Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<EvidenceStoreUnavailableException>(operation);
        Assert.True(clock.Elapsed < FailFast, $"Took {clock.Elapsed} to notice the store is gone.");
    }
}
