using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>A cookie-carrying client that signs in through the sign-in page, as a person does.</summary>
public static partial class Browser
{
    public static async Task<HttpClient> SignedInAsync(DisputesAppFactory app, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(app);
        await Authenticator.EnsureEnrolledAsync(app, email);
        var browser = NewBrowser(app);
        var response = await PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location?.OriginalString.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal) == true)
        {
            response = await PostFormAsync(browser, response.Headers.Location.OriginalString, new() { ["Code"] = Authenticator.NextCode(app, email) });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        }

        return browser;
    }

    /// <summary>A cookie browser with no one signed in, that does not follow redirects.</summary>
    public static HttpClient NewBrowser(DisputesAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = true, AllowAutoRedirect = false });
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await browser.GetStringAsync(formPage ?? url);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string AntiforgeryToken(string page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Token().Match(page).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
