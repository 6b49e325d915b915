using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// Issue 22 (PIPL) in a real browser: a merchant finds "导出我的数据" on the security page and gets the ZIP, reads what
/// deletion does, confirms it with the password, and is signed out; every page holds at 390 and 1280 px.
/// </summary>
[Collection(Browsers.Name)]
public sealed class PrivacyPagesTests(AppFixture app)
{
    [Fact]
    public async Task A_merchant_exports_their_data_then_deletes_the_account()
    {
        var email = $"privacy-{Guid.NewGuid():N}@shop.test";
        await using var merchant = await app.NewSessionAsync();
        var page = merchant.Page;
        await page.GotoAsync("/Account/Register");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("Correct-Horse-9");
        await page.Locator("#displayName").FillAsync("赵敏");
        await page.Locator("#storeName").FillAsync("敏敏小铺");
        await page.Locator("#province").SelectOptionAsync("CN-JS");
        await page.Locator("#main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Disputes");

        await page.GotoAsync("/Account/Security");
        await merchant.ShootAsync("40-security-my-data");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "导出我的数据" }).ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Null(await download.FailureAsync());

        await page.GotoAsync("/Account/Export");
        await merchant.ShootAsync("41-export");
        await page.GotoAsync("/Account/Delete");
        await merchant.ShootAsync("42-delete");
        await page.Locator("#password").FillAsync("Not-The-Password-1");
        await page.Locator("#main button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#err-password")).ToBeVisibleAsync();
        await merchant.CheckLayoutAsync("42-delete-wrong-password");
        await page.Locator("#password").FillAsync("Correct-Horse-9");
        await page.Locator("#main button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByText("您的账户已注销")).ToBeVisibleAsync();
        await merchant.ShootAsync("43-deleted");

        await page.GotoAsync("/Disputes");
        await page.WaitForURLAsync("**/Account/Login**");
        merchant.AssertNoConsoleErrors();
    }
}
