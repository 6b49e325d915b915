using Xunit.Sdk;

namespace MerchantDisputes.E2E.Tests;

/// <summary>The pages pass axe-core's rules; this shows the check would say so if one did not.</summary>
[Collection(Browsers.Name)]
public sealed class AccessibilityCheckTests(AppFixture app)
{
    [Fact]
    public async Task The_accessibility_check_fails_on_a_button_without_a_name_and_names_the_rule()
    {
        await using var visitor = await app.NewSessionAsync();
        await visitor.Page.GotoAsync("/Public");
        await AccessibilityCheck.ServeAxeAsync(visitor.Page);
        await AccessibilityCheck.AssertNoViolationsAsync(visitor.Page, "public-as-served", app.Screenshots);

        await visitor.Page.EvaluateAsync("() => document.querySelector('main').append(document.createElement('button'))");
        var failure = await Assert.ThrowsAsync<FailException>(() =>
            AccessibilityCheck.AssertNoViolationsAsync(visitor.Page, "public-with-a-nameless-button", app.Screenshots));

        Assert.Contains("button-name (critical)", failure.Message, StringComparison.Ordinal);
        visitor.AssertNoConsoleErrors();
    }
}
