using System.Net;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Accounts;

public sealed class TightResetLimitsAppFactory : DisputesAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("RateLimits:PasswordResetPerMinute", "4"),
        new("RateLimits:PasswordResetPerEmailPerHour", "2"),
    ];
}

/// <summary>The forgot-password door, page and API alike, limited per client address and per e-mail address asked for.</summary>
public sealed class PasswordResetLimitTests(TightResetLimitsAppFactory app) : IClassFixture<TightResetLimitsAppFactory>
{
    [Fact]
    public async Task Asking_too_often_for_one_address_or_from_one_client_is_answered_429_at_both_doors()
    {
        var api = new ApiClient(app.CreateClient());
        var target = $"target-{Guid.NewGuid():N}@shop.test";

        var first = await api.PostAsync("/api/v1/auth/forgot-password", new { email = target });
        var second = await PageAsync(target);
        var thirdForTheAddress = await api.PostAsync("/api/v1/auth/forgot-password", new { email = target });
        var fourthForTheAddress = await PageAsync(target);
        var fifthFromTheClient = await api.PostAsync("/api/v1/auth/forgot-password", new { email = $"other-{Guid.NewGuid():N}@shop.test" });
        var sixthFromTheClient = await PageAsync($"other-{Guid.NewGuid():N}@shop.test");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        foreach (var limited in new[] { thirdForTheAddress, fourthForTheAddress, fifthFromTheClient, sixthFromTheClient })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.NotNull(limited.Headers.RetryAfter);
        }

        Assert.Equal("application/problem+json", thirdForTheAddress.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请求过于频繁", await fourthForTheAddress.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Browser.NewBrowser(app).GetAsync("/Account/ForgotPassword")).StatusCode);
    }

    /// <summary>The page's form: opening the page is not counted, submitting it is.</summary>
    private async Task<HttpResponseMessage> PageAsync(string email) =>
        await Browser.PostFormAsync(Browser.NewBrowser(app), "/Account/ForgotPassword", new() { ["Email"] = email });
}
