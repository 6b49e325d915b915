using System.Net;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>
/// Cookies are HttpOnly and SameSite; outside Development the sign-in cookie is always Secure and the antiforgery
/// cookie whenever the request is HTTPS; a crash shows no exception detail.
/// </summary>
public sealed class CookieAndErrorHardeningTests
{
    private const string Secret = "secret-crash-detail-4711";

    [Fact]
    public async Task Sign_in_sets_secure_http_only_same_site_auth_and_antiforgery_cookies()
    {
        using var app = new DisputesAppFactory();
        var email = await PageCast.CreateStaffAsync(app, "Mediator");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false, AllowAutoRedirect = false });

        var page = await browser.GetAsync("/Account/Login");
        var antiforgery = SetCookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        AssertHardened(antiforgery, "samesite=strict");

        var signedIn = await SignInAsync(browser, page, email);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = SetCookies(signedIn).Single(c => c.StartsWith("md.auth=", StringComparison.Ordinal));
        AssertHardened(auth, "samesite=lax");
    }

    [Fact]
    public async Task Behind_a_proxy_that_forwards_plain_http_the_form_pages_still_work_and_the_sign_in_cookie_stays_secure()
    {
        using var app = new DisputesAppFactory();
        var email = await PageCast.CreateStaffAsync(app, "Mediator");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), HandleCookies = false, AllowAutoRedirect = false });

        var page = await browser.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var signedIn = await SignInAsync(browser, page, email);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = SetCookies(signedIn).Single(c => c.StartsWith("md.auth=", StringComparison.Ordinal));
        AssertHardened(auth, "samesite=lax");
    }

    [Theory]
    [InlineData("/crash-test")]
    [InlineData("/api/v1/crash-test")]
    public async Task An_unhandled_exception_returns_500_without_exception_detail(string path)
    {
        using var app = new CrashingAppFactory();
        var client = app.CreateClient();

        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain("CrashingAppFactory", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, HttpResponseMessage page, string email)
    {
        var html = await page.Content.ReadAsStringAsync();
        var token = Browser.AntiforgeryToken(html);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = PageCast.StaffPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", SetCookies(page).Select(c => c.Split(';')[0])));
        return await browser.SendAsync(request);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static void AssertHardened(string cookie, string sameSite)
    {
        var attributes = cookie.ToLowerInvariant();
        Assert.Contains("; secure", attributes, StringComparison.Ordinal);
        Assert.Contains("; httponly", attributes, StringComparison.Ordinal);
        Assert.Contains("; " + sameSite, attributes, StringComparison.Ordinal);
    }

    /// <summary>The real app in "Testing" with one extra route at the very end of the pipeline that throws.</summary>
    private sealed class CrashingAppFactory : DisputesAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, CrashFilter>());
        }
    }

    private sealed class CrashFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(_ => throw new InvalidOperationException(Secret));
        };
    }
}
