using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

[Collection(Browsers.Name)]
public sealed class PublicPagesTests(AppFixture app)
{
    [Fact]
    public async Task The_yearly_report_renders_its_charts_with_their_tables()
    {
        // A year without cases shows no charts, only that it has none; under 5 counted cases, only its total.
        await ApiCases.ClaimedAsync(app.BaseUrl, 5);
        await using var visitor = await app.NewSessionAsync();

        var response = await visitor.Page.GotoAsync($"/reports/{ApiCases.CurrentYearInChina}");

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

    [Fact]
    public async Task A_year_without_cases_shows_its_empty_report_without_breaking_the_layout()
    {
        await using var visitor = await app.NewSessionAsync();

        Assert.Equal(200, (await visitor.Page.GotoAsync("/reports/2001"))!.Status);

        await Assertions.Expect(visitor.Page.Locator("#empty .empty")).ToContainTextAsync("2001 年没有提交的案件，暂无统计。");
        await Assertions.Expect(visitor.Page.Locator("svg.chart")).ToHaveCountAsync(0);
        await visitor.ShootAsync("14-report-empty-year");
        visitor.AssertNoConsoleErrors();
    }

    /// <summary>WCAG 2.1 AA for text: 4.5:1. The rating names are read on these badges on the public pages and the case page.</summary>
    [Fact]
    public async Task Every_rating_badge_reads_at_a_contrast_of_at_least_4_5_to_1()
    {
        await using var visitor = await app.NewSessionAsync();
        await visitor.Page.GotoAsync("/Public");

        var ratios = await visitor.Page.EvaluateAsync<Dictionary<string, double>>(ContrastOfBadges);

        Assert.Equal(10, ratios.Count);
        var low = ratios.Where(r => r.Value < 4.5).Select(r => $"{r.Key}: {r.Value:0.00}:1").ToList();
        Assert.True(low.Count == 0, "badges under 4.5:1: " + string.Join(", ", low));
    }

    /// <summary>Puts one badge of each rating on the page as the pages write them and measures text against background.</summary>
    private const string ContrastOfBadges = """
        () => {
          const luminance = rgb => {
            const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map(v => {
              const c = Number(v) / 255;
              return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
            });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const ratios = {};
          for (const kind of ['rating', 'badge']) {
            for (const rating of ['None', 'NotRated', 'NotRecommended', 'Caution', 'Recommended']) {
              const badge = document.createElement('span');
              badge.className = `${kind} rating-${rating}`;
              badge.textContent = '不予评级';
              document.querySelector('main').append(badge);
              const style = getComputedStyle(badge);
              const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a);
              ratios[`${kind} rating-${rating}`] = (light + 0.05) / (dark + 0.05);
              badge.remove();
            }
          }
          return ratios;
        }
        """;
}
