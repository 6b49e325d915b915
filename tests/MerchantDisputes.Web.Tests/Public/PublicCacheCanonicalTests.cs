using System.Net;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// One cache entry per answer: other spellings of the same values are redirected to the canonical URL, values no
/// endpoint takes are refused, and so no crowd of junk URLs can push the canonical answer out of the cache.
/// </summary>
public sealed class PublicCacheCanonicalTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Theory]
    [InlineData("/api/v1/public/stats?year=02026", "/api/v1/public/stats?year=2026")]
    [InlineData("/api/v1/public/stats?year=%202026", "/api/v1/public/stats?year=2026")]
    [InlineData("/api/v1/public/stats?year=2026%20", "/api/v1/public/stats?year=2026")]
    [InlineData("/API/v1/public/stats?year=2026", "/api/v1/public/stats?year=2026")]
    [InlineData("/api/v1/Public/Stats?year=2026", "/api/v1/public/stats?year=2026")]
    [InlineData("/api/v1/public/stats/?year=2026", "/api/v1/public/stats?year=2026")]
    [InlineData("/api/v1/public/stats?year=2026&culture=xx-junk", "/api/v1/public/stats?year=2026")]
    [InlineData("/api/v1/public/stats?year=2026&ui-culture=", "/api/v1/public/stats?year=2026")]
    [InlineData("/api/v1/public/stats?year=2026&platform=1688", "/api/v1/public/stats?platform=1688&year=2026")]
    [InlineData("/api/v1/public/stats?year=2026&platform=%201688", "/api/v1/public/stats?platform=1688&year=2026")]
    [InlineData("/api/v1/public/stats?year=2026&platform=TAOBAO", "/api/v1/public/stats?platform=taobao&year=2026")]
    [InlineData("/api/v1/public/platforms/ranking?month=2026-03&x=1", "/api/v1/public/platforms/ranking?month=2026-03")]
    [InlineData("/api/v1/public/feed?page=01&pageSize=020", "/api/v1/public/feed?page=1&pageSize=20")]
    [InlineData("/reports/02026", "/reports/2026")]
    [InlineData("/reports/2026.CSV", "/reports/2026.csv")]
    [InlineData("/public?page=2", "/Public?page=2")]
    [InlineData("/Public?page=abc", "/Public")]
    [InlineData("/Platforms/TaoBao?year=02026", "/Platforms/taobao?year=2026")]
    public async Task Another_spelling_of_the_same_answer_is_redirected_to_the_canonical_URL(string url, string canonical)
    {
        var response = await Anonymous().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/api/v1/public/stats?year=20266", "year")]
    [InlineData("/api/v1/public/stats?year=2026&year=2027", "year")]
    [InlineData("/api/v1/public/feed?pageSize=-1", "pageSize")]
    [InlineData("/api/v1/public/stats?platform=%E6%B7%98%E5%AE%9D", "platform")]
    public async Task A_value_no_endpoint_takes_is_a_validation_problem_and_never_cached(string url, string field)
    {
        var first = await Anonymous().GetAsync(url);
        var second = await Anonymous().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
        Assert.True((await ApiClient.ReadAsync(second)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Equivalent_URLs_share_one_entry()
    {
        var following = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false });

        var first = await following.GetAsync("/api/v1/public/stats?year=2024");
        var respelled = await following.GetAsync("/api/v1/public/stats?year=02024");
        var upper = await following.GetAsync("/API/v1/public/stats?year=%202024");

        Assert.Null(first.Headers.Age);
        Assert.NotNull(respelled.Headers.Age);
        Assert.NotNull(upper.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await upper.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_thousand_junk_keys_do_not_evict_the_canonical_answer()
    {
        var anonymous = Anonymous();
        var canonical = await anonymous.GetAsync("/api/v1/public/stats?year=2025");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 2_100; i++)
        {
            var junk = (i % 5) switch
            {
                0 => $"/api/v1/public/stats?year={new string('0', 1 + (i % 7))}2025&n{i}=1",
                1 => $"/api/v1/public/stats?year=2025&culture=junk-{i}",
                2 => $"/API/v1/public/stats?year=%20%202025&z={i}",
                3 => $"/api/v1/public/stats?year={3000 + i}",
                _ => $"/api/v1/public/stats?year=2025&platform=nowhere{i}",
            };
            statuses.Add((await anonymous.GetAsync(junk)).StatusCode);
        }

        var after = await anonymous.GetAsync("/api/v1/public/stats?year=2025");

        Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotNull(after.Headers.Age);
    }

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = DisputesAppFactory.Https, HandleCookies = false, AllowAutoRedirect = false,
    });
}

/// <summary>Uncached public computation is limited per client address; an answer from the cache is never counted.</summary>
public sealed class PublicRateLimitTests(PublicRateLimitTests.LimitedApp app) : IClassFixture<PublicRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : DisputesAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("PublicTransparency:UncachedPerMinute", "3")];
    }

    [Fact]
    public async Task A_client_that_asks_for_more_uncached_answers_than_its_limit_gets_429_and_cached_answers_still_flow()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false });
        var computed = new List<HttpStatusCode>();
        foreach (var year in new[] { 2021, 2022, 2023 })
        {
            computed.Add((await anonymous.GetAsync($"/api/v1/public/stats?year={year}")).StatusCode);
        }

        var fourth = await anonymous.GetAsync("/api/v1/public/stats?year=2024");
        var page = await anonymous.GetAsync("/reports/2024");
        var cached = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            cached.Add(await anonymous.GetAsync("/api/v1/public/stats?year=2021"));
        }

        Assert.All(computed, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.NotNull(fourth.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.All(cached, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.NotNull(r.Headers.Age);
        });
    }
}
