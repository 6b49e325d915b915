using System.Net;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Operations;

public sealed class TightLimitsAppFactory : DisputesAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("RateLimits:SignInPerMinute", "3"),
        new("RateLimits:RegisterPerMinute", "2"),
        new("RateLimits:UploadsPerMinute", "2"),
        new("RateLimits:MessagesPerMinute", "2"),
    ];
}

public sealed class ProtectionTests(TightLimitsAppFactory app) : IClassFixture<TightLimitsAppFactory>
{
    [Fact]
    public async Task Hammering_sign_in_is_answered_429_with_retry_after()
    {
        var client = new ApiClient(app.CreateClient());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsync("/api/v1/auth/login", new { email = "nobody@shop.test", password = "Wrong-password-1" })).StatusCode);
        }

        var limited = await client.PostAsync("/api/v1/auth/login", new { email = "nobody@shop.test", password = "Wrong-password-1" });

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_carry_a_policy_without_inline_script_and_are_never_framed()
    {
        var page = await app.CreateClient().GetAsync("/");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_answers_carry_a_policy_that_loads_nothing_and_files_keep_their_own()
    {
        var client = app.CreateClient();

        foreach (var path in new[] { "/api/v1/platforms", "/api/v1/disputes/00000000-0000-0000-0000-000000000001", "/api/v1/nowhere" })
        {
            var answer = await client.GetAsync(path);
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", answer.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
        }

        var page = await client.GetAsync("/");
        Assert.StartsWith("default-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
