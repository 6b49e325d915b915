using MerchantDisputes.Web.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// The public answer cache as the app registers it (<see cref="PublicAnswers"/>), in a small host whose
/// endpoint does not finish until the test lets it and counts how often it ran: readers of a missing answer wait for
/// the one request that fetches it, an answer expires by the app's clock, unmarked and oversized answers are never kept.
/// </summary>
public sealed class PublicCacheFetchTests : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private HttpClient? _client;
    private int _fetches;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.AddPublicAnswers();
        _app = builder.Build();
        _app.UsePublicAnswers();
        _app.UseRouting();
        _app.MapGet("/public/answer", AnswerAsync).WithMetadata(new PublicAnswerAttribute());
        _app.MapGet("/public/answer/unmarked", AnswerAsync);
        _app.MapGet("/public/answer/large", async () => Results.Text(new string('x', PublicAnswers.MaxAnswerBytes) + await AnswerAsync()))
            .WithMetadata(new PublicAnswerAttribute());
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Readers_arriving_while_an_answer_is_fetched_wait_for_it_instead_of_fetching_again()
    {
        var readers = Enumerable.Range(0, 5).Select(_ => _client!.GetStringAsync("/public/answer")).ToArray();
        await WaitForFetchesAsync(1);
        _release.SetResult();
        var bodies = await Task.WhenAll(readers);

        Assert.Equal(1, _fetches);
        Assert.All(bodies, body => Assert.Equal("answer 1", body));
    }

    [Fact]
    public async Task An_answer_is_fetched_again_once_its_duration_has_passed_on_the_apps_clock()
    {
        _release.SetResult();
        var first = await _client!.GetStringAsync("/public/answer");
        _clock.Advance(Duration - TimeSpan.FromSeconds(1));
        var cached = await _client.GetStringAsync("/public/answer");
        _clock.Advance(TimeSpan.FromSeconds(2));
        var fresh = await _client.GetStringAsync("/public/answer");

        Assert.Equal(["answer 1", "answer 1", "answer 2"], [first, cached, fresh]);
    }

    [Fact]
    public async Task An_answer_of_an_endpoint_without_the_marker_is_never_kept()
    {
        _release.SetResult();
        await _client!.GetStringAsync("/public/answer/unmarked");
        var second = await _client.GetAsync("/public/answer/unmarked");

        Assert.Null(second.Headers.Age);
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_served_but_not_kept()
    {
        _release.SetResult();
        var first = await _client!.GetStringAsync("/public/answer/large");
        var second = await _client.GetStringAsync("/public/answer/large");

        Assert.EndsWith("answer 1", first, StringComparison.Ordinal);
        Assert.EndsWith("answer 2", second, StringComparison.Ordinal);
    }

    private async Task<string> AnswerAsync()
    {
        var fetch = Interlocked.Increment(ref _fetches);
        await _release.Task;
        return "answer " + fetch;
    }

    /// <summary>Waits, bounded, until the endpoint has been entered <paramref name="count"/> times and the others queued behind it.</summary>
    private async Task WaitForFetchesAsync(int count)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Volatile.Read(ref _fetches) < count)
        {
            await Task.Yield();
            bound.Token.ThrowIfCancellationRequested();
        }
    }
}
