using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Accounts;

/// <summary>
/// Issue 8: an authenticator app is required for Mediator, Lawyer and Admin, in the pages and the API; codes come
/// from the app's clock and are taken once; recovery codes work once; merchants may opt in and out.
/// </summary>
public sealed partial class TwoFactorTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_new_mediator_is_sent_to_set_up_an_authenticator_and_then_works()
    {
        var email = await PageCast.CreateStaffAsync(app, Roles.Mediator);
        var browser = Browser.NewBrowser(app);
        var login = await Browser.PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = PageCast.StaffPassword });
        Assert.Equal("/Disputes", login.Headers.Location!.OriginalString);

        var stopped = await browser.GetAsync("/Disputes");
        var api = await browser.GetAsync("/api/v1/disputes");

        Assert.Equal("/Account/TwoFactor?ReturnUrl=%2FDisputes", stopped.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.True((await ApiClient.ReadAsync(api)).GetProperty("secondFactorRequired").GetBoolean());

        var setup = await browser.GetStringAsync(stopped.Headers.Location.OriginalString);
        var key = SharedKey(setup);
        Assert.Contains("src=\"data:image/png;base64,", setup, StringComparison.Ordinal);
        var wrong = Rendered(await EnableAsync(browser, "000000"));
        Assert.Contains("验证码不正确", wrong, StringComparison.Ordinal); // the page says so, and two-factor stays off
        Assert.DoesNotContain("recovery-codes", wrong, StringComparison.Ordinal);

        var enabled = Rendered(await EnableAsync(browser, Authenticator.NextCode(app, email, key)));

        Assert.Equal(RecoveryCodes.Count, RecoveryCode().Count(enabled));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Disputes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/disputes")).StatusCode);
    }

    [Fact]
    public async Task An_admin_with_a_password_alone_does_not_reach_the_job_dashboard()
    {
        var email = await PageCast.CreateStaffAsync(app, Roles.Admin);
        var browser = Browser.NewBrowser(app);
        await Browser.PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = PageCast.StaffPassword });

        var dashboard = await browser.GetAsync("/hangfire");
        var admin = await browser.GetAsync("/Admin/Users");

        Assert.StartsWith("/Account/TwoFactor", dashboard.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/Account/TwoFactor", admin.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_takes_the_code_once_and_each_recovery_code_once()
    {
        var (email, key, recovery) = await EnrolledMediatorAsync();
        var code = Authenticator.NextCode(app, email, key);

        var first = await SecondStepAsync(email, code);
        var replayed = await SecondStepAsync(email, code);
        var withRecovery = await SecondStepAsync(email, recovery.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        var recoveryAgain = await SecondStepAsync(email, recovery);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("验证码不正确或已使用过", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recoveryAgain.StatusCode);
    }

    [Fact]
    public async Task The_second_step_page_without_a_right_password_goes_back_to_sign_in()
    {
        var browser = Browser.NewBrowser(app);

        var response = await browser.GetAsync("/Account/LoginWith2fa");

        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("LoginWith2fa", response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_gives_staff_a_token_only_with_an_authenticator_code()
    {
        var email = await PageCast.CreateStaffAsync(app, Roles.Lawyer);
        var client = new ApiClient(app.CreateClient());
        client.UseLanguage("en");

        var notEnrolled = await client.PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword });
        await Authenticator.EnsureEnrolledAsync(app, email);
        var withoutCode = await client.PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword });
        var wrongCode = await client.PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword, twoFactorCode = "123456" });
        var code = Authenticator.NextCode(app, email);
        var right = await client.PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword, twoFactorCode = code });
        var replayed = await client.PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword, twoFactorCode = code });

        Assert.Equal(HttpStatusCode.Forbidden, notEnrolled.StatusCode);
        Assert.True((await ApiClient.ReadAsync(notEnrolled)).GetProperty("secondFactorSetupRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.Contains("twoFactorCode", FieldMessage(await ApiClient.ReadAsync(withoutCode)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Contains("already used", FieldMessage(await ApiClient.ReadAsync(wrongCode)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);

        var tokens = await ApiClient.ReadAsync(right);
        client.UseToken(tokens.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/disputes")).StatusCode);

        // A refreshed token still carries the proof of the second factor.
        var refreshed = await ApiClient.ReadAsync(await client.PostAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }));
        var fresh = new ApiClient(app.CreateClient());
        fresh.UseToken(refreshed.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/disputes")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_over_the_api_once()
    {
        var (email, _, recovery) = await EnrolledMediatorAsync();
        var client = new ApiClient(app.CreateClient());

        var first = await client.PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword, twoFactorRecoveryCode = recovery });
        var again = await client.PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword, twoFactorRecoveryCode = recovery });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task The_proof_of_the_second_factor_survives_the_security_stamp_check()
    {
        var browser = await PageCast.StaffAsync(app, Roles.Mediator);

        app.Clock.Advance(TimeSpan.FromMinutes(2)); // past the one-minute stamp validation
        var revalidated = await browser.GetAsync("/Disputes");
        var after = await browser.GetAsync("/Disputes");

        Assert.Equal(HttpStatusCode.OK, revalidated.StatusCode);
        Assert.Contains(revalidated.Headers.GetValues("Set-Cookie"), c => c.StartsWith("md.auth=", StringComparison.Ordinal)); // the principal was rebuilt
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_merchant_may_turn_two_factor_on_and_off()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var key = SharedKey(await merchant.Browser.GetStringAsync("/Account/TwoFactor"));
        Rendered(await EnableAsync(merchant.Browser, Authenticator.NextCode(app, merchant.Email, key)));

        var passwordOnly = await Browser.PostFormAsync(Browser.NewBrowser(app), "/Account/Login", new() { ["Email"] = merchant.Email, ["Password"] = Session.Password });
        var off = await Browser.PostFormAsync(merchant.Browser, "/Account/TwoFactor?handler=Disable", [], "/Account/TwoFactor");
        var afterOff = await Browser.PostFormAsync(Browser.NewBrowser(app), "/Account/Login", new() { ["Email"] = merchant.Email, ["Password"] = Session.Password });

        Assert.StartsWith("/Account/LoginWith2fa", passwordOnly.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("两步验证已关闭", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/Disputes", afterOff.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Staff_cannot_turn_their_second_factor_off()
    {
        var browser = await PageCast.StaffAsync(app, Roles.Lawyer);

        var refused = await Browser.PostFormAsync(browser, "/Account/TwoFactor?handler=Disable", [], "/Account/TwoFactor");

        Assert.Contains("不能关闭", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("两步验证已开启", await browser.GetStringAsync("/Account/TwoFactor"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_resets_a_lost_authenticator_and_the_person_must_enrol_again()
    {
        var (email, _, _) = await EnrolledMediatorAsync();
        var admin = await Staff.SignInAsync(app, Roles.Admin);
        var found = await ApiClient.ReadAsync(await admin.GetAsync($"/api/v1/admin/users?email={Uri.EscapeDataString(email)}"));
        var id = found.GetProperty("items")[0].GetProperty("id").GetString();

        var reset = await ApiClient.ReadAsync(await admin.PostAsync($"/api/v1/admin/users/{id}/two-factor/reset", null));
        var login = await new ApiClient(app.CreateClient()).PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword });

        Assert.False(reset.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.True((await ApiClient.ReadAsync(login)).GetProperty("secondFactorSetupRequired").GetBoolean());
    }

    [Fact]
    public void Codes_match_the_rfc_6238_test_vectors()
    {
        const string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890"

        var codes = new[] { 59L, 1111111109L, 1234567890L, 2000000000L }
            .Select(seconds => Totp.Code(key, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(seconds))));

        Assert.Equal(["287082", "081804", "005924", "279037"], codes);
    }

    private async Task<(string Email, string Key, string RecoveryCode)> EnrolledMediatorAsync()
    {
        var email = await PageCast.CreateStaffAsync(app, Roles.Mediator);
        var browser = Browser.NewBrowser(app);
        await Browser.PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = PageCast.StaffPassword });
        var key = SharedKey(await browser.GetStringAsync("/Account/TwoFactor"));
        var enabled = Rendered(await EnableAsync(browser, Authenticator.NextCode(app, email, key)));
        return (email, key, RecoveryCode().Match(enabled).Value);
    }

    private async Task<HttpResponseMessage> SecondStepAsync(string email, string code)
    {
        var browser = Browser.NewBrowser(app);
        var login = await Browser.PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = PageCast.StaffPassword });
        return await Browser.PostFormAsync(browser, login.Headers.Location!.OriginalString, new() { ["Code"] = code });
    }

    private static Task<HttpResponseMessage> EnableAsync(HttpClient browser, string code) =>
        Browser.PostFormAsync(browser, "/Account/TwoFactor?handler=Enable", new() { ["Code"] = code }, "/Account/TwoFactor");

    private static string Rendered(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    private static string SharedKey(string page) =>
        SharedKeyText().Match(page).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static string FieldMessage(JsonElement problem) =>
        "twoFactorCode: " + problem.GetProperty("errors").GetProperty("twoFactorCode")[0].GetString();

    [GeneratedRegex("id=\"shared-key\">([a-z0-9 ]+)<")]
    private static partial Regex SharedKeyText();

    [GeneratedRegex("[23456789BCDFGHJKMNPQRTVWXY]{5}-[23456789BCDFGHJKMNPQRTVWXY]{5}")]
    private static partial Regex RecoveryCode();
}
