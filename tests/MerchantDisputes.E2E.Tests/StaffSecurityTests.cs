using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// Issue 8 in a real browser: an admin (with the demo authenticator) creates a mediator; the mediator's first
/// sign-in stops at the authenticator set-up, the QR code and key are shown, a code from the key turns it on,
/// recovery codes are shown once, and the account's sign-in history lists the steps.
/// </summary>
[Collection(Browsers.Name)]
public sealed partial class StaffSecurityTests(AppFixture app)
{
    [Fact]
    public async Task A_new_mediator_sets_up_an_authenticator_at_the_first_sign_in()
    {
        var email = $"mediator-{Guid.NewGuid():N}@staff.test";
        const string password = "Handed-Over-2026!";
        await using (var admin = await app.NewSessionAsync(width: 1280, height: 900))
        {
            await admin.SignInAsync("admin@demo.local");
            await CreateMediatorAsync(admin, email, password);
            admin.AssertNoConsoleErrors();
        }

        await using var mediator = await app.NewSessionAsync();
        await mediator.SignInAsync(email, password);
        await mediator.Page.GotoAsync("/Disputes");
        await mediator.Page.WaitForURLAsync(new Regex("/Account/TwoFactor"));
        await Assertions.Expect(mediator.Page.Locator("img.qr")).ToBeVisibleAsync();
        await mediator.ShootAsync("30-two-factor-setup");

        var key = (await mediator.Page.Locator("#shared-key").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        await mediator.Page.Locator("#code").FillAsync(AuthenticatorCodes.Next(app.BaseUrl, email, key));
        await mediator.Page.Locator("#main form button[type=submit]").ClickAsync();
        await Assertions.Expect(mediator.Page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await mediator.ShootAsync("31-recovery-codes");

        await mediator.Page.GetByRole(AriaRole.Link, new() { Name = "我已保存，继续" }).ClickAsync();
        await mediator.Page.WaitForURLAsync("**/Disputes");
        await mediator.Page.GotoAsync("/Account/Security");
        await Assertions.Expect(mediator.Page.Locator("table.signins tbody tr")).ToHaveCountAsync(1);
        await mediator.ShootAsync("32-security");
        mediator.AssertNoConsoleErrors();

        await using var again = await app.NewSessionAsync();
        await again.Page.GotoAsync("/Account/Login");
        await again.Page.Locator("#email").FillAsync(email);
        await again.Page.Locator("#password").FillAsync(password);
        await again.Page.Locator("#main button[type=submit]").ClickAsync();
        await again.Page.WaitForURLAsync(new Regex("/Account/LoginWith2fa"));
        await again.ShootAsync("33-second-step");
        // A phone offers its digit pad and the code its text message or app just produced.
        await Assertions.Expect(again.Page.Locator("#code")).ToHaveAttributeAsync("inputmode", "numeric");
        await Assertions.Expect(again.Page.Locator("#code")).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await again.Page.Locator("#code").FillAsync(AuthenticatorCodes.Next(app.BaseUrl, email, key));
        await again.Page.Locator("#main button[type=submit]").ClickAsync();
        await again.Page.WaitForURLAsync("**/Disputes");
        again.AssertNoConsoleErrors();
    }

    private static async Task CreateMediatorAsync(Session admin, string email, string password)
    {
        var page = admin.Page;
        await page.GotoAsync("/Admin/Users/New");
        await admin.CheckLayoutAsync("admin-new-user");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#displayName").FillAsync("新调解员");
        await page.Locator("#role").SelectOptionAsync("Mediator");
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#main button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".alert.success")).ToBeVisibleAsync();
    }
}
