namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// The public cache as Chromium meets it. The shared app runs with the cache off (its pages must show each test's
/// writes at once), so this class starts an app of its own with it on (<see cref="OwnApp"/>).
/// </summary>
[Collection(Browsers.Name)]
public sealed class PublicCacheBrowserTests(AppFixture app) : IAsyncLifetime
{
    private OwnApp? _cached;

    public async Task InitializeAsync() =>
        _cached = await OwnApp.StartAsync(app, "cache", new Dictionary<string, string>
        {
            ["PublicTransparency:CacheDuration"] = "00:05:00",
        });

    public async Task DisposeAsync()
    {
        if (_cached is not null)
        {
            await _cached.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_report_kept_in_the_cache_reaches_the_browser_compressed_and_reads_the_same()
    {
        // Five claimed cases: the report counts a case from its claim and draws its charts from five.
        await ApiCases.ClaimedAsync(_cached!.BaseUrl, 5);
        var report = $"/reports/{ApiCases.CurrentYearInChina}";
        await using var visitor = await app.NewSessionAsync(baseUrl: _cached.BaseUrl);
        var fresh = await visitor.Page.GotoAsync(report);
        var first = await visitor.Page.Locator("main").InnerTextAsync();

        var kept = await visitor.Page.GotoAsync(report);

        Assert.Null(await fresh!.HeaderValueAsync("age"));
        Assert.Equal(200, kept!.Status);
        Assert.NotNull(await kept.HeaderValueAsync("age"));
        Assert.Equal("br", await kept.HeaderValueAsync("content-encoding"));
        Assert.Equal(first, await visitor.Page.Locator("main").InnerTextAsync());
        Assert.True(await visitor.Page.Locator("svg.chart").CountAsync() >= 4, "fewer than four charts");
        await visitor.ShootAsync("13-report-from-cache");
        visitor.AssertNoConsoleErrors();
    }
}
