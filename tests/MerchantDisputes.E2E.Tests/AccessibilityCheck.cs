using System.Text.Json;
using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// axe-core's rules (WCAG 2.x A and AA, and its best practices) on the current page, failing on any violation and
/// naming the rule and the elements. axe-core comes from npm through tests/install-axe.sh, never from a CDN; the page
/// loads it from its own origin, answered by the test, since the app's policy allows no inline script.
/// </summary>
public static class AccessibilityCheck
{
    /// <summary>Where the page loads axe from: its own origin, as the app's policy (script-src 'self') allows, answered by the test.</summary>
    private const string AxeUrl = "/_tests/axe.min.js";

    private const string Run = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}: ` + v.nodes.slice(0, 6)
            .map(n => n.target.join(' ') + (n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}]` : ''))
            .join('; '));
        }
        """;

    private static readonly Lazy<string> Axe = new(() =>
    {
        var path = Path.Combine(AppProcess.Repository(), "tests", ".tools", "axe", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? path : throw new FileNotFoundException("axe-core is not installed: run tests/install-axe.sh", path);
    });

    /// <summary>Lets <paramref name="page"/> load axe from its own origin; once per page.</summary>
    public static Task ServeAxeAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.RouteAsync("**" + AxeUrl, route => route.FulfillAsync(new() { Path = Axe.Value, ContentType = "text/javascript" }));
    }

    public static async Task AssertNoViolationsAsync(IPage page, string name, string folder)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Url = AxeUrl });
        }

        var violations = (await page.EvaluateAsync<JsonElement>(Run)).EnumerateArray().Select(v => v.GetString()!).ToList();
        if (violations.Count > 0)
        {
            var shot = Path.Combine(folder, $"a11y-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            Assert.Fail($"accessibility violations on {name} ({page.Url}), screenshot {shot}:\n  " + string.Join("\n  ", violations));
        }
    }
}
