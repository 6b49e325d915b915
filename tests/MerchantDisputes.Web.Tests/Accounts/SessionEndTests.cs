using System.Net;
using System.Text.Json;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.Accounts;

/// <summary>
/// Issue 22, item 8: sessions that end. Sign-out ends the session on the server, a refresh token works once and its
/// reuse ends the whole session, and a new password ends every other session.
/// </summary>
public sealed class SessionEndTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_cookie_replayed_after_sign_out_is_refused()
    {
        var email = await MerchantAsync();
        var (browser, cookie) = await CookieSignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await Replay(cookie).GetAsync("/Account/Security")).StatusCode);

        var signedOut = await Browser.PostFormAsync(browser, "/Account/Logout", []);
        var replayed = await Replay(cookie).GetAsync("/Account/Security");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/Account/Login", replayed.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task After_logout_the_access_token_and_the_refresh_token_are_refused()
    {
        var email = await MerchantAsync();
        var client = new ApiClient(app.CreateClient());
        var tokens = await LoginAsync(client, email, Session.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var logout = await client.PostAsync("/api/v1/auth/logout", null);
        var me = await client.GetAsync("/api/v1/me");
        var refresh = await RefreshAsync(tokens.RefreshToken);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var later = await client.GetAsync("/api/v1/disputes");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new ApiClient(app.CreateClient()).PostAsync("/api/v1/auth/logout", null)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_used_twice_ends_its_whole_family()
    {
        var email = await MerchantAsync();
        var first = await LoginAsync(new ApiClient(app.CreateClient()), email, Session.Password);
        var other = new ApiClient(app.CreateClient());
        await LoginAsync(other, email, Session.Password);

        var rotated = await RefreshAsync(first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = await TokensAsync(rotated);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        var holder = new ApiClient(app.CreateClient());
        holder.UseToken(second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/api/v1/me")).StatusCode);

        var reused = await RefreshAsync(first.RefreshToken);
        var newest = await RefreshAsync(second.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, newest.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await holder.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_changed_through_the_api_ends_every_other_session()
    {
        var email = await MerchantAsync();
        var phone = new ApiClient(app.CreateClient());
        await LoginAsync(phone, email, Session.Password);
        var (_, cookie) = await CookieSignInAsync(email);
        var laptop = new ApiClient(app.CreateClient());
        var laptopTokens = await LoginAsync(laptop, email, Session.Password);

        var changed = await laptop.PostAsync("/api/v1/me/password", new { currentPassword = Session.Password, newPassword = "Brand-New-Horse-7" });
        var fresh = await TokensAsync(changed);
        laptop.UseToken(fresh.AccessToken);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Replay(cookie).GetAsync("/Account/Security")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(laptopTokens.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new ApiClient(app.CreateClient()).PostAsync("/api/v1/auth/login", new { email, password = Session.Password })).StatusCode);
        await LoginAsync(new ApiClient(app.CreateClient()), email, "Brand-New-Horse-7");
    }

    [Fact]
    public async Task A_password_changed_on_the_security_page_keeps_that_browser_and_ends_the_rest()
    {
        var email = await MerchantAsync();
        var phone = new ApiClient(app.CreateClient());
        await LoginAsync(phone, email, Session.Password);
        var (browser, _) = await CookieSignInAsync(email);

        var wrong = await Browser.PostFormAsync(browser, "/Account/Security?handler=ChangePassword", new()
        {
            ["CurrentPassword"] = "Not-my-password-1", ["NewPassword"] = "Brand-New-Horse-7", ["ConfirmPassword"] = "Brand-New-Horse-7",
        }, "/Account/Security");
        Assert.Contains("aria-invalid=\"true\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/v1/me")).StatusCode);

        var changed = await Browser.PostFormAsync(browser, "/Account/Security?handler=ChangePassword", new()
        {
            ["CurrentPassword"] = Session.Password, ["NewPassword"] = "Brand-New-Horse-7", ["ConfirmPassword"] = "Brand-New-Horse-7",
        }, "/Account/Security");
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("密码已修改", await browser.GetStringAsync(changed.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/me")).StatusCode);
    }

    private async Task<string> MerchantAsync()
    {
        var email = $"session-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(app, email);
        return email;
    }

    /// <summary>Signs in through the page; the browser, and its sign-in cookie as a Cookie header value.</summary>
    private async Task<(HttpClient Browser, string Cookie)> CookieSignInAsync(string email)
    {
        var browser = Browser.NewBrowser(app);
        var response = await Browser.PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = Session.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("md.auth=", StringComparison.Ordinal));
        return (browser, cookie.Split(';')[0]);
    }

    /// <summary>A client that sends only the given cookie, as someone who copied it would.</summary>
    private HttpClient Replay(string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<Tokens> LoginAsync(ApiClient client, string email, string password)
    {
        var login = await client.PostAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = await TokensAsync(login);
        client.UseToken(tokens.AccessToken);
        return tokens;
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        new ApiClient(app.CreateClient()).PostAsync("/api/v1/auth/refresh", new { refreshToken });

    private static async Task<Tokens> TokensAsync(HttpResponseMessage response)
    {
        JsonElement body = await ApiClient.ReadAsync(response);
        return new(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    private sealed record Tokens(string AccessToken, string RefreshToken);
}
