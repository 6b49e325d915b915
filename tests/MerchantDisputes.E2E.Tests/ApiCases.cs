using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MerchantDisputes.Benchmarks.Http;

namespace MerchantDisputes.E2E.Tests;

/// <summary>Cases made through the API by the demo merchant, for a page that needs one to exist rather than to be filed.</summary>
public static class ApiCases
{
    /// <summary>
    /// A RefundOnly case with one screenshot, submitted by the demo merchant: from then on it counts in the statistics
    /// of the year, so the yearly report has something to draw.
    /// </summary>
    public static async Task<string> SubmittedAsync(string baseUrl, string email = "merchant@demo.local", string password = "Demo-Passw0rd!")
    {
        using var merchant = await SignedInAsync(baseUrl, email, password);
        var created = await merchant.PostAsJsonAsync("/api/v1/disputes", ApiFiling.Body());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using (var upload = await ApiFiling.UploadAsync(merchant, id, ApiFiling.Screenshot(1)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"/api/v1/disputes/{id}/submit", null)).StatusCode);
        return id;
    }

    /// <summary>
    /// <paramref name="count"/> submitted cases the demo mediator has claimed: the public statistics count a case from
    /// its claim, and show a breakdown only from 5 cases.
    /// </summary>
    public static async Task ClaimedAsync(string baseUrl, int count)
    {
        using var mediator = await SignedInAsync(
            baseUrl, "mediator@demo.local", "Demo-Passw0rd!", AuthenticatorCodes.Next(baseUrl, "mediator@demo.local", Session.DemoAuthenticatorKey));
        for (var i = 0; i < count; i++)
        {
            var id = await SubmittedAsync(baseUrl);
            Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", null)).StatusCode);
        }
    }

    /// <summary>The year the app counts in now: statistics go by China Standard Time.</summary>
    public static int CurrentYearInChina => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    private static async Task<HttpClient> SignedInAsync(string baseUrl, string email, string password, string? twoFactorCode = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode });
        Assert.True(login.IsSuccessStatusCode, $"{email} could not sign in: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
