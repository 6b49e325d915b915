using System.Net;
using Azure.Storage.Blobs;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Features.Jobs;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Evidence;

/// <summary>The app with its evidence in Azure Blob Storage (a real Azurite) and a switch that fails the next database write.</summary>
public sealed class AzureEvidenceAppFactory(string connectionString) : DisputesAppFactory
{
    public FailingWrites Failures { get; } = new();

    public FailingConnections Connections { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Evidence:Store", "AzureBlob"),
        new("Evidence:ConnectionString", connectionString),
        new("Evidence:MaxRetries", "0"),
        new("Evidence:NetworkTimeoutSeconds", "3"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SqliteDisputesDbContext>(o => o.AddInterceptors(Failures, Connections)));
    }
}

/// <summary>Throws on the next SaveChanges that inserts evidence, as a database failing after the blobs were written.</summary>
public sealed class FailingWrites : SaveChangesInterceptor
{
    public bool FailNextEvidenceWrite { get; set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (FailNextEvidenceWrite && eventData.Context!.ChangeTracker.Entries<Domain.Evidence.EvidenceItem>().Any(e => e.State == EntityState.Added))
        {
            FailNextEvidenceWrite = false;
            throw new DbUpdateException("Injected failure after the blob write.");
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>Refuses to open database connections while switched on, as a database that has gone away.</summary>
public sealed class FailingConnections : DbConnectionInterceptor
{
    public bool Down { get; set; }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(System.Data.Common.DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Down ? throw new InvalidOperationException("Injected: the database is unreachable.") : base.ConnectionOpeningAsync(connection, eventData, result, cancellationToken);

    public override InterceptionResult ConnectionOpening(System.Data.Common.DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Down ? throw new InvalidOperationException("Injected: the database is unreachable.") : base.ConnectionOpening(connection, eventData, result);
}

[Collection(SharedAzurite.Name)]
public sealed class EvidenceFaultTests : IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly AzureEvidenceAppFactory _app;

    public EvidenceFaultTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _app = new AzureEvidenceAppFactory(azurite.ConnectionString);
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task With_the_blob_store_stopped_an_upload_answers_503_and_writes_nothing_then_works_once_it_is_back()
    {
        var merchant = await Session.NewMerchantAsync(_app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(8001))).StatusCode);

        _azurite.Stop();
        HttpResponseMessage down;
        try
        {
            down = await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(8002));
        }
        finally
        {
            await _azurite.StartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.True(down.Headers.RetryAfter is not null, "no Retry-After");
        Assert.Equal(1, await _app.WithDbAsync(db => db.Evidence.CountAsync(e => e.DisputeId == Guid.Parse(id))));
        Assert.Equal(HttpStatusCode.Created, (await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(8003))).StatusCode);
    }

    [Fact]
    public async Task A_database_failure_after_the_blob_write_leaves_no_blob_behind()
    {
        var merchant = await Session.NewMerchantAsync(_app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        var before = await BlobCountAsync();

        _app.Failures.FailNextEvidenceWrite = true;
        var response = await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(8101));

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Evidence.CountAsync(e => e.DisputeId == Guid.Parse(id))));
        Assert.Equal(before, await BlobCountAsync());
    }

    [Fact]
    public async Task The_orphan_sweep_removes_hour_old_blobs_no_row_names_and_keeps_the_rest()
    {
        var merchant = await Session.NewMerchantAsync(_app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        await Uploads.UploadOkAsync(merchant, id, Uploads.Screenshot(8201));
        var orphan = $"orphans/{Guid.NewGuid():N}";
        var container = new BlobContainerClient(_azurite.ConnectionString, "evidence-originals");
        await container.UploadBlobAsync(orphan, BinaryData.FromBytes([1, 2, 3]));
        var sweep = _app.Services.GetRequiredService<EvidenceOrphanSweep>();

        _app.Clock.SetUtcNow(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(30));
        var young = await sweep.RunAsync(CancellationToken.None);
        _app.Clock.SetUtcNow(DateTimeOffset.UtcNow + TimeSpan.FromHours(2));
        var old = await sweep.RunAsync(CancellationToken.None);

        // Other tests of this class leave blobs whose rows live in their own databases: orphans here too.
        Assert.Equal(0, young);
        Assert.True(old >= 1, $"removed {old}");
        Assert.False(await container.GetBlobClient(orphan).ExistsAsync());
        var kept = await _app.WithDbAsync(db => db.Evidence.Where(e => e.DisputeId == Guid.Parse(id)).Select(e => e.BlobName).SingleAsync());
        Assert.True(await container.GetBlobClient(kept).ExistsAsync(), "a blob with a row was removed");
    }

    private async Task<int> BlobCountAsync()
    {
        var count = 0;
        foreach (var name in new[] { "evidence", "evidence-thumbnails", "evidence-originals" })
        {
            var container = new BlobContainerClient(_azurite.ConnectionString, name);
            if (!await container.ExistsAsync())
            {
                continue;
            }

            await foreach (var _ in container.GetBlobsAsync())
            {
                count++;
            }
        }

        return count;
    }
}
