using System.Text;
using MerchantDisputes.Web.Features.Transparency;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// The public cache under a spike: readers of an answer that is missing or out of date wait for the one request that
/// fetches it, or get the one before it, instead of each reading the database. Driven directly, with a fetch that
/// does not finish until the test lets it.
/// </summary>
public sealed class PublicCacheFetchTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly RouteEndpoint stats = Endpoint("/api/v1/public/stats", new PublicAnswerAttribute());
    private readonly PublicCache cache;
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int fetches;
    private int size;
    private string type = "text/plain";

    public PublicCacheFetchTests()
    {
        var cookies = new ServiceCollection().AddOptions().BuildServiceProvider()
            .GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        cache = new PublicCache(
            Options.Create(new PublicOptions { CacheDuration = Duration }),
            Options.Create(new RequestLocalizationOptions()),
            cookies,
            new DefaultEndpointDataSource(stats),
            clock);
    }

    [Fact]
    public async Task Readers_arriving_while_an_answer_is_fetched_wait_for_it_instead_of_fetching_again()
    {
        var readers = Enumerable.Range(0, 5).Select(_ => GetAsync()).ToArray();
        release.SetResult();
        var bodies = await Task.WhenAll(readers);

        Assert.Equal(1, fetches);
        Assert.All(bodies, body => Assert.Equal("answer 1", body));
    }

    [Fact]
    public async Task While_an_out_of_date_answer_is_fetched_again_other_readers_get_the_one_before_it()
    {
        release.SetResult();
        await GetAsync();
        release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        clock.Advance(Duration + TimeSpan.FromSeconds(1));

        var refetch = GetAsync();
        var meanwhile = await GetAsync().WaitAsync(TimeSpan.FromSeconds(30)); // bounds a failure: it must not wait for the fetch
        release.SetResult();
        var refetched = await refetch;
        var after = await GetAsync();

        Assert.Equal("answer 1", meanwhile);
        Assert.Equal("answer 2", refetched);
        Assert.Equal("answer 2", after);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task An_answer_is_fetched_again_once_its_duration_has_passed()
    {
        release.SetResult();

        var first = await GetAsync();
        clock.Advance(Duration - TimeSpan.FromSeconds(1));
        var kept = await GetAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await GetAsync();

        Assert.Equal(["answer 1", "answer 1", "answer 2"], [first, kept, fresh]);
    }

    [Fact]
    public async Task An_answer_of_an_endpoint_without_the_marker_is_never_kept()
    {
        release.SetResult();
        var other = Endpoint("/api/v1/public/stats");

        await GetAsync(other);
        await GetAsync(other);

        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task Answers_past_the_byte_budget_are_served_but_not_kept()
    {
        release.SetResult();
        type = "application/octet-stream"; // kept as it is, without compressed forms
        size = PublicCache.MaxAnswerBytes;
        var fit = (int)(PublicCache.MaxKeptBytes / PublicCache.MaxAnswerBytes);
        for (var year = 0; year < fit; year++)
        {
            await GetAsync(year: year);
        }

        var keptBefore = fetches;
        await GetAsync(year: 0);
        await GetAsync(year: fit);
        await GetAsync(year: fit);

        Assert.Equal(fit, keptBefore);
        Assert.Equal(fit + 2, fetches);
    }

    [Fact]
    public async Task The_compressed_forms_of_an_answer_count_in_the_byte_budget()
    {
        release.SetResult();
        size = PublicCache.MaxAnswerBytes;
        var fit = (int)(PublicCache.MaxKeptBytes / PublicCache.MaxAnswerBytes);
        for (var year = 0; year < fit; year++)
        {
            await GetAsync(year: year);
        }

        var before = fetches;
        await GetAsync(year: fit - 2); // kept
        await GetAsync(year: fit - 1); // its compressed forms took it past the budget: not kept, fetched again

        Assert.Equal(before + 1, fetches);
    }

    private async Task<string> GetAsync(Endpoint? endpoint = null, int year = 2026)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/v1/public/stats";
        context.Request.QueryString = new QueryString($"?year={year}");
        var body = new MemoryStream();
        context.Response.Body = body;
        await cache.InvokeAsync(context, async c =>
        {
            var answer = Interlocked.Increment(ref fetches);
            await release.Task;
            c.SetEndpoint(endpoint ?? stats);
            c.Response.ContentType = type;
            var text = $"answer {answer}";
            await c.Response.WriteAsync(size is 0 ? text : text.PadRight(size - 2, '.'));
        });
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private static RouteEndpoint Endpoint(string route, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, new EndpointMetadataCollection(metadata), route);
}
