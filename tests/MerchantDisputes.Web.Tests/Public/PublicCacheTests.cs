using System.IO.Compression;
using System.Net;
using System.Text.Json;
using MerchantDisputes.Web.Caching;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// The public answer cache answers public pages and API before authentication (docs/performance.md), where every request
/// still looks anonymous: a page request that might be signed in must neither get a cached answer nor leave one; the
/// public API's answers, the same for every caller, are shared with signed-in callers too. Each test reads
/// its own URLs, as the fixture's cache is shared by the class.
/// </summary>
public sealed class PublicCacheTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private const string DisplayName = "缓存核对商家";

    [Fact]
    public async Task An_anonymous_reader_is_answered_from_the_cache_the_second_time()
    {
        var anonymous = Anonymous();

        var first = await anonymous.GetAsync("/api/v1/public/stats?year=2021");
        var second = await anonymous.GetAsync("/api/v1/public/stats?year=2021");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_reader_never_gets_the_page_cached_for_anonymous_readers()
    {
        var anonymous = Anonymous();
        var merchant = await SignedInMerchantAsync();

        var cached = await anonymous.GetAsync("/Public?page=2");
        await anonymous.GetAsync("/Public?page=2");
        var own = await merchant.GetAsync("/Public?page=2");

        Assert.DoesNotContain(DisplayName, await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(own.Headers.Age);
        Assert.Contains(DisplayName, await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_readers_page_is_never_kept_for_the_next_anonymous_reader()
    {
        var anonymous = Anonymous();
        var merchant = await SignedInMerchantAsync();

        var own = await merchant.GetStringAsync("/Public?page=3");
        await merchant.GetStringAsync("/Public?page=3");
        var first = await anonymous.GetAsync("/Public?page=3");

        Assert.Contains(DisplayName, own, StringComparison.Ordinal);
        Assert.Null(first.Headers.Age);
        Assert.DoesNotContain(DisplayName, await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_callers_of_the_public_API_share_its_cached_answers()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var browser = await SignedInMerchantAsync();

        var anonymous = await Anonymous().GetAsync("/api/v1/public/stats?year=2022");
        var withToken = await merchant.Http.GetAsync("/api/v1/public/stats?year=2022");
        var withCookie = await browser.GetAsync("/api/v1/public/stats?year=2022");
        var keptByToken = await merchant.Http.GetAsync("/api/v1/public/stats?year=2023");
        var anonymousAfter = await Anonymous().GetAsync("/api/v1/public/stats?year=2023");

        Assert.Null(anonymous.Headers.Age);
        Assert.NotNull(withToken.Headers.Age);
        Assert.NotNull(withCookie.Headers.Age);
        Assert.Equal(await anonymous.Content.ReadAsStringAsync(), await withToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, keptByToken.StatusCode);
        Assert.NotNull(anonymousAfter.Headers.Age);
        Assert.Equal(await keptByToken.Content.ReadAsStringAsync(), await anonymousAfter.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_public_API_reads_nothing_of_its_caller()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PublicAnswerAttribute>() is not null
                && e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        Type[] caller = [typeof(System.Security.Claims.ClaimsPrincipal), typeof(Microsoft.AspNetCore.Http.HttpContext), typeof(Microsoft.AspNetCore.Http.HttpRequest)];

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var handler = endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>();
            Assert.NotNull(handler);
            Assert.DoesNotContain(handler.GetParameters(), p => caller.Contains(p.ParameterType));
        }
    }

    [Fact]
    public async Task The_language_is_part_of_the_cache_key_for_the_API_and_the_pages()
    {
        var chinese = Anonymous();
        var english = Anonymous();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var englishCookie = Anonymous();
        englishCookie.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var zhApi = await DefinitionAsync(chinese);
        var enApi = await DefinitionAsync(english);
        var zhApiAgain = await DefinitionAsync(chinese);
        var enApiAgain = await DefinitionAsync(english);
        var zhPage = await chinese.GetStringAsync("/Public?page=4");
        var enPage = await englishCookie.GetStringAsync("/Public?page=4");
        var zhPageAgain = await chinese.GetStringAsync("/Public?page=4");
        var enPageAgain = await englishCookie.GetStringAsync("/Public?page=4");

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zhApi);
        Assert.NotEqual(zhApi, enApi);
        Assert.Equal(zhApi, zhApiAgain);
        Assert.Equal(enApi, enApiAgain);
        Assert.Contains("<html lang=\"zh-CN\"", zhPage, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", enPage, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\"", zhPageAgain, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", enPageAgain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cache_looks_up_only_under_the_public_endpoints_routes()
    {
        await Anonymous().GetAsync("/health/live");
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>();

        var prefixes = PublicAnswerRequests.PublicPrefixes(endpoints);

        Assert.Equal(
            ["/Platforms", "/Public", "/api/v1/public/feed", "/api/v1/public/platforms/ranking", "/api/v1/public/stats", "/reports"],
            prefixes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cached_answer_carries_the_security_headers_of_a_fresh_one()
    {
        var anonymous = Anonymous();

        var fresh = await anonymous.GetAsync("/api/v1/public/stats?year=2020");
        var cached = await anonymous.GetAsync("/api/v1/public/stats?year=2020");

        Assert.NotNull(cached.Headers.Age);
        foreach (var header in new[] { "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy" })
        {
            Assert.Equal(fresh.Headers.GetValues(header), cached.Headers.GetValues(header));
        }
    }

    [Fact]
    public async Task An_answer_from_an_endpoint_that_is_not_public_is_never_stored_even_under_a_public_route()
    {
        var anonymous = Anonymous(followRedirects: false);

        var first = await anonymous.GetAsync("/reports");
        var second = await anonymous.GetAsync("/reports");

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
    }

    [Fact]
    public async Task A_cached_answer_goes_compressed_to_a_reader_that_takes_it_and_decodes_to_the_fresh_one()
    {
        var anonymous = Anonymous();
        // Enough counted cases for the year's full breakdown (a view under 5 gives its total only).
        var seeder = new CaseSeeder(app);
        await seeder.ManyAwaitingPlatformAsync(await seeder.MerchantAsync(), Domain.Escalation.CaseWindows.Default, 6);
        var fresh = await anonymous.GetAsync("/api/v1/public/stats?year=2026");
        var identity = await fresh.Content.ReadAsByteArrayAsync();

        var brotli = await GetTwiceAsync(anonymous, HttpMethod.Get, "/api/v1/public/stats?year=2026", "gzip, deflate, br, zstd");
        var gzip = await GetTwiceAsync(anonymous, HttpMethod.Get, "/api/v1/public/stats?year=2026", "gzip, deflate");
        var plain = await GetTwiceAsync(anonymous, HttpMethod.Get, "/api/v1/public/stats?year=2026", "identity");

        Assert.Contains("Accept-Encoding", fresh.Headers.Vary);
        Assert.Empty(fresh.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], brotli.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.All(new[] { brotli, gzip, plain }, r => Assert.Contains("Accept-Encoding", r.Headers.Vary));
        Assert.All(new[] { brotli, gzip, plain }, r => Assert.NotNull(r.Headers.Age));
        Assert.True(brotli.Content.Headers.ContentLength < identity.Length / 3, $"{brotli.Content.Headers.ContentLength} of {identity.Length}");
        Assert.Equal(identity, await DecodedAsync(brotli));
        Assert.Equal(identity, await DecodedAsync(gzip));
        Assert.Equal(identity, await plain.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_cached_page_asked_for_by_HEAD_gives_the_length_of_the_form_it_would_send()
    {
        var anonymous = Anonymous();
        var get = await GetTwiceAsync(anonymous, HttpMethod.Get, "/reports/2018", "br");

        var head = await GetTwiceAsync(anonymous, HttpMethod.Head, "/reports/2018", "br");

        Assert.Equal(["br"], head.Content.Headers.ContentEncoding);
        Assert.NotNull(head.Headers.Age);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The second answer, so that it comes from the cache.</summary>
    private static async Task<HttpResponseMessage> GetTwiceAsync(HttpClient client, HttpMethod method, string url, string acceptEncoding)
    {
        await GetEncodedAsync(client, method, url, acceptEncoding);
        return await GetEncodedAsync(client, method, url, acceptEncoding);
    }

    private static async Task<HttpResponseMessage> GetEncodedAsync(HttpClient client, HttpMethod method, string url, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task<byte[]> DecodedAsync(HttpResponseMessage response)
    {
        var encoded = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        await using Stream decoder = response.Content.Headers.ContentEncoding.Single() == "br"
            ? new BrotliStream(encoded, CompressionMode.Decompress)
            : new GZipStream(encoded, CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        return decoded.ToArray();
    }

    private static async Task<string?> DefinitionAsync(HttpClient client)
    {
        // A year without cases gives its total only (fewer than 5), with the definitions in the reader's language.
        var stats = JsonDocument.Parse(await client.GetStringAsync("/api/v1/public/stats?year=2024")).RootElement;
        return stats.GetProperty("definitions").GetProperty("percent").GetString();
    }

    private HttpClient Anonymous(bool followRedirects = true) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = DisputesAppFactory.Https, HandleCookies = false, AllowAutoRedirect = followRedirects,
    });

    private async Task<HttpClient> SignedInMerchantAsync()
    {
        var email = $"cache-{Guid.NewGuid():N}@shop.test";
        var registration = AMerchant.Registration(email);
        registration["displayName"] = DisplayName;
        var registered = await new ApiClient(app.CreateClient()).PostAsync("/api/v1/auth/register", registration);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return await Browser.SignedInAsync(app, email, Session.Password);
    }
}
