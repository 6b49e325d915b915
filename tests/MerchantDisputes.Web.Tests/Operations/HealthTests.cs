using System.Net;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Tests.Evidence;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Operations;

[Collection(SharedAzurite.Name)]
public sealed class HealthTests : IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly AzureEvidenceAppFactory _app;

    public HealthTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _app = new AzureEvidenceAppFactory(azurite.ConnectionString);
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Ready_reports_a_stopped_blob_store_and_live_does_not_care()
    {
        var client = _app.CreateClient();
        var first = await client.GetAsync("/health/ready");
        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());

        _azurite.Stop();
        HttpResponseMessage ready;
        HttpResponseMessage live;
        try
        {
            ready = await client.GetAsync("/health/ready");
            live = await client.GetAsync("/health/live");
        }
        finally
        {
            await _azurite.StartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Ready_reports_an_unreachable_database()
    {
        var client = _app.CreateClient();

        _app.Connections.Down = true;
        var ready = await client.GetAsync("/health/ready");
        _app.Connections.Down = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}

public sealed class SqlServerUnreachableAppFactory : DisputesAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Database:Provider", "SqlServer"),
        new("ConnectionStrings:SqlServer", "Server=127.0.0.1,1;Database=MerchantDisputes;User Id=sa;Password=unused;TrustServerCertificate=True"),
        new("Database:ConnectTimeoutSeconds", "2"),
    ];
}

public sealed class SqlServerStartupTests
{
    [Fact]
    public void With_sql_server_unreachable_the_app_fails_fast_with_a_clear_message()
    {
        using var app = new SqlServerUnreachableAppFactory();

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var message = error.GetBaseException().Message + error.Message;
        Assert.Contains("Cannot reach SQL Server", message, StringComparison.Ordinal);
    }
}
