using System.Text.Json;
using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// Visual breakage a person would see, measured in the page at a phone width (390 px) and a desktop width
/// (1280 px): the page wider than the screen, or a control, label or heading under another element. The type
/// chooser of /Disputes/New once drew its cards over their own headings at both widths and every story clicked
/// through it; this check is what fails on that now. The rules are in layout-check.js.
/// </summary>
public static class LayoutCheck
{
    public static readonly IReadOnlyList<(int Width, int Height)> Viewports = [(390, 844), (1280, 900)];

    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "layout-check.js")));

    /// <summary>
    /// Checks the current page at both widths and puts the viewport back as it was. On a problem, saves a full-page
    /// screenshot at that width to <paramref name="folder"/> and fails naming every offending element.
    /// </summary>
    public static async Task AssertSoundAsync(IPage page, string name, string folder)
    {
        ArgumentNullException.ThrowIfNull(page);
        var before = page.ViewportSize;
        var failures = new List<string>();
        foreach (var (width, height) in Viewports)
        {
            await page.SetViewportSizeAsync(width, height);
            var found = await page.EvaluateAsync<JsonElement>(Script.Value);
            var problems = new[] { "overflow", "covered" }
                .SelectMany(kind => found.GetProperty(kind).EnumerateArray().Select(problem => problem.GetString()!))
                .ToList();
            if (problems.Count > 0)
            {
                var shot = Path.Combine(folder, $"layout-{name}-{width}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
                failures.Add($"{name} at {width} px ({page.Url}), screenshot {shot}:\n  " + string.Join("\n  ", problems));
            }
        }

        if (before is not null)
        {
            await page.SetViewportSizeAsync(before.Width, before.Height);
        }

        Assert.True(failures.Count == 0, "broken layout:\n" + string.Join("\n", failures));
    }
}
