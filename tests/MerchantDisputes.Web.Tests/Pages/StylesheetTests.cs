using System.Text.RegularExpressions;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>
/// The stylesheet as served. An unclosed block makes browsers read every later rule as part of it: a lost "}"
/// after the print block once put the case page's deadline, badge, notice and phone-table styles in print only.
/// </summary>
public sealed partial class StylesheetTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Every_block_of_the_served_stylesheet_closes_and_the_screen_rules_sit_outside_print()
    {
        var css = Comments().Replace(await app.CreateClient().GetStringAsync("/css/site.css"), string.Empty);

        var depth = 0;
        var deepest = 0;
        var depthAtViewer = -1;
        for (var i = 0; i < css.Length; i++)
        {
            depth += css[i] switch { '{' => 1, '}' => -1, _ => 0 };
            Assert.True(depth >= 0, $"a '}}' without its '{{' near: {css[Math.Max(0, i - 80)..i]}");
            deepest = Math.Max(deepest, depth);
            if (depthAtViewer < 0 && string.CompareOrdinal(css, i, ".viewer {", 0, 9) == 0)
            {
                depthAtViewer = depth;
            }
        }

        Assert.Equal(0, depth);
        Assert.Equal(2, deepest);
        Assert.Equal(0, depthAtViewer);
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
