using System.Text.RegularExpressions;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// Issue 21 item 4 in a real browser: 忘记密码 from the sign-in page, the link read from the e-mail in the pickup folder,
/// a new password, and a sign-in with it. An app of its own, whose outbox is sent every second (the shared app's,
/// every minute), over its own data folder and the fixture's Azurite.
/// </summary>
[Collection(Browsers.Name)]
public sealed class PasswordResetBrowserTests(AppFixture app) : IAsyncLifetime
{
    private const string Email = "merchant@demo.local";
    private const string NewPassword = "Fresh-Horse-42";
    private static readonly TimeSpan MailLimit = TimeSpan.FromSeconds(60);

    private readonly string _data = Directory.CreateTempSubdirectory("md-e2e-reset-").FullName;
    private AppProcess? _own;

    public async Task InitializeAsync() =>
        _own = await AppProcess.StartAsync(_data, app.BlobConnectionString, new Dictionary<string, string>
        {
            ["Hangfire:OutboxCron"] = "* * * * * *",
            ["Hangfire:SchedulePollingInterval"] = "00:00:01",
        });

    public async Task DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }

        TempFolders.Delete(_data);
    }

    [Fact]
    public async Task A_merchant_who_forgot_the_password_sets_a_new_one_from_the_emailed_link_and_signs_in()
    {
        await using var merchant = await app.NewSessionAsync(baseUrl: _own!.BaseUrl);
        await merchant.Page.GotoAsync("/Account/Login");
        await merchant.ShootAsync("40-login");
        await merchant.Page.GetByRole(AriaRole.Link, new() { Name = "忘记密码" }).ClickAsync();
        await merchant.Page.WaitForURLAsync("**/Account/ForgotPassword");
        await merchant.ShootAsync("41-forgot-password");
        await merchant.Page.Locator("#email").FillAsync(Email);
        await merchant.Page.Locator("#main button[type=submit]").ClickAsync();
        await Assertions.Expect(merchant.Page.Locator("#reset-sent")).ToBeVisibleAsync();
        await merchant.ShootAsync("42-reset-link-sent");

        var mail = await MailToAsync(Email);
        Assert.StartsWith(_own.BaseUrl + "/Account/ResetPassword?", mail.Link.AbsoluteUri, StringComparison.Ordinal);
        await merchant.Page.GotoAsync(mail.Link.AbsoluteUri);
        await Assertions.Expect(merchant.Page.Locator("#email")).ToHaveValueAsync(Email);
        await merchant.ShootAsync("43-reset-password");
        await merchant.Page.Locator("#newPassword").FillAsync(NewPassword);
        await merchant.Page.Locator("#confirmPassword").FillAsync(NewPassword);
        await merchant.Page.Locator("#main button[type=submit]").ClickAsync();
        await merchant.Page.WaitForURLAsync(new Regex("/Account/Login\\?reset="));
        await Assertions.Expect(merchant.Page.GetByText("密码已重置")).ToBeVisibleAsync();

        await merchant.SignInAsync(Email, NewPassword);
        merchant.AssertNoConsoleErrors();
    }

    /// <summary>The outbox job writes the message into the pickup folder within a few seconds.</summary>
    private async Task<Mail> MailToAsync(string to)
    {
        var folder = Path.Combine(_data, "mail-pickup");
        var limit = DateTime.UtcNow + MailLimit;
        while (DateTime.UtcNow < limit)
        {
            var mail = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(Read).FirstOrDefault(m => m?.To.Contains(to, StringComparison.OrdinalIgnoreCase) == true)
                : null;
            if (mail is not null)
            {
                return mail;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No e-mail to {to} in {folder} within {MailLimit.TotalSeconds} s:\n{_own!.RecentOutput()}");
    }

    /// <summary>A message, or null while the job is still writing it.</summary>
    private static Mail? Read(string file)
    {
        try
        {
            return Mail.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
