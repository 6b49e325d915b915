using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

[Collection(Browsers.Name)]
public sealed class PublicPagesTests(AppFixture app)
{
    [Fact]
    public async Task The_yearly_report_renders_its_charts_with_their_tables()
    {
        await using var visitor = await app.NewSessionAsync();

        var response = await visitor.Page.GotoAsync("/reports/2026");

        Assert.Equal(200, response!.Status);
        var charts = visitor.Page.Locator("svg.chart");
        Assert.True(await charts.CountAsync() >= 4, "fewer than four charts");
        await Assertions.Expect(charts.First).ToBeVisibleAsync();
        Assert.True(await visitor.Page.Locator("table").CountAsync() >= 4, "charts without tables");
        await visitor.ShootAsync("10-report");
        visitor.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_public_feed_and_a_platform_page_open_without_signing_in()
    {
        await using var visitor = await app.NewSessionAsync();

        Assert.Equal(200, (await visitor.Page.GotoAsync("/"))!.Status);
        await visitor.ShootAsync("09-home");
        Assert.Equal(200, (await visitor.Page.GotoAsync("/Public"))!.Status);
        await visitor.ShootAsync("11-public");
        Assert.Equal(200, (await visitor.Page.GotoAsync("/Platforms/1688"))!.Status);
        await visitor.ShootAsync("12-platform");
        visitor.AssertNoConsoleErrors();
    }
}
