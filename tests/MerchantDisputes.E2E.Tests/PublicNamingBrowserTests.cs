using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// The public feed names a merchant by a masked name only with their consent: given at registration, withdrawn on
/// their account page, each seen by a visitor. The two merchants file from provinces no other story uses.
/// </summary>
[Collection(Browsers.Name)]
public sealed class PublicNamingBrowserTests(AppFixture app)
{
    [Fact]
    public async Task Consent_on_and_off_is_seen_in_the_public_feed()
    {
        await using var named = await app.NewSessionAsync();
        var namedEmail = await RegisterAsync(named, "CN-XZ", "扎西", consent: true);
        await using var unnamed = await app.NewSessionAsync();
        var unnamedEmail = await RegisterAsync(unnamed, "CN-QH", "马明", consent: false);
        var cases = new[]
        {
            await ApiCases.SubmittedAsync(app.BaseUrl, namedEmail, Password),
            await ApiCases.SubmittedAsync(app.BaseUrl, unnamedEmail, Password),
        };
        await using var mediator = await app.NewSessionAsync(1280, 900);
        await mediator.SignInAsync("mediator@demo.local");
        foreach (var id in cases)
        {
            await mediator.Page.GotoAsync($"/Disputes/{id}");
            await MerchantJourneyTests.ActAsync(mediator, "Claim", ".badge.UnderReview");
        }

        await mediator.Page.GotoAsync("/Disputes?mine=true");
        await Assertions.Expect(mediator.Page.Locator("#mine")).ToBeCheckedAsync();
        await mediator.CheckLayoutAsync("33-queue-mine");
        await mediator.ShootAsync("33-queue-mine");

        await using var visitor = await app.NewSessionAsync();
        await visitor.Page.GotoAsync("/Public");
        await Assertions.Expect(FeedItem(visitor, "西藏自治区")).ToContainTextAsync("扎**");
        await Assertions.Expect(FeedItem(visitor, "青海省")).ToContainTextAsync("青海省商家");
        await Assertions.Expect(FeedItem(visitor, "青海省")).Not.ToContainTextAsync("马**");
        await visitor.CheckLayoutAsync("30-feed-named");

        await named.Page.GotoAsync("/Account/Security");
        await named.Page.GetByRole(AriaRole.Link, new() { Name = "更改" }).ClickAsync();
        await Assertions.Expect(named.Page.Locator("#public-name-shown")).ToHaveTextAsync("扎**");
        await named.CheckLayoutAsync("31-public-name");
        await named.ShootAsync("31-public-name");
        await named.Page.Locator("#public-name-consent").UncheckAsync();
        await named.Page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(named.Page.Locator("#public-name-shown")).ToHaveTextAsync("西藏自治区商家");

        await visitor.Page.GotoAsync("/Public");
        await Assertions.Expect(FeedItem(visitor, "西藏自治区")).ToContainTextAsync("西藏自治区商家");
        await Assertions.Expect(FeedItem(visitor, "西藏自治区")).Not.ToContainTextAsync("扎**");
        await visitor.ShootAsync("32-feed-withdrawn");
        foreach (var session in new[] { named, unnamed, mediator, visitor })
        {
            session.AssertNoConsoleErrors();
        }
    }

    private const string Password = "Correct-Horse-9";

    private static ILocator FeedItem(Session session, string province) => session.Page.Locator(".feed li", new() { HasText = province });

    /// <summary>Registers in the pages; the consent box starts unticked and is ticked only when asked.</summary>
    private static async Task<string> RegisterAsync(Session session, string province, string name, bool consent)
    {
        var email = $"named-{Guid.NewGuid():N}@shop.test";
        var page = session.Page;
        await page.GotoAsync("/Account/Register");
        await Assertions.Expect(page.Locator("#public-name-consent")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#public-name-explained")).ToContainTextAsync("如“广东省商家”");
        await session.CheckLayoutOnceAsync("register-consent");
        await session.ShootAsync("34-register-consent");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#displayName").FillAsync(name);
        await page.Locator("#storeName").FillAsync(name + "的店");
        await page.Locator("#province").SelectOptionAsync(province);
        if (consent)
        {
            await page.Locator("#public-name-consent").CheckAsync();
        }

        await page.Locator("#main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Disputes");
        return email;
    }
}
