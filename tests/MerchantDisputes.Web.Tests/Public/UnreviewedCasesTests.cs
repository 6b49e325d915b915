using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Disputes;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// One merchant, or a few, cannot rewrite the public ranking: a filing counts once a mediator has claimed it, leaves the
/// counts when it is rejected, and a merchant may submit only <see cref="DisputeOptions.DailySubmissionLimit"/> a day.
/// </summary>
public sealed class UnreviewedCasesTests(UnreviewedCasesTests.CappedApp app) : IClassFixture<UnreviewedCasesTests.CappedApp>
{
    private ApiClient? _last;

    /// <summary>The app as deployed: the default daily limit of 5 (the other tests' factory lifts it).</summary>
    public sealed class CappedApp : DisputesAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            [new("Disputes:DailySubmissionLimit", new DisputeOptions().DailySubmissionLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task Twelve_unreviewed_cases_do_not_move_the_ranking_the_statistics_or_the_feed()
    {
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        var counted = await SubmitAsync(await Session.NewMerchantAsync(app), "1688", 8100);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{counted}/claim", new { })).StatusCode);
        var rankingBefore = await PublicAsync("/api/v1/public/platforms/ranking?month=2026-03");
        var statsBefore = await PublicAsync("/api/v1/public/stats?year=2026&platform=pipiwang");

        var flood = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var merchant = i % 4 == 0 ? await Session.NewMerchantAsync(app) : null;
            flood.Add(await SubmitAsync(merchant ?? _last!, "pipiwang", 8200 + i));
        }

        var rankingAfter = await PublicAsync("/api/v1/public/platforms/ranking?month=2026-03");
        var statsAfter = await PublicAsync("/api/v1/public/stats?year=2026&platform=pipiwang");
        var feed = await PublicAsync("/api/v1/public/feed?platform=pipiwang");

        Assert.Equal(rankingBefore.GetRawText(), rankingAfter.GetRawText());
        Assert.Equal("1688", rankingAfter.GetProperty("platforms")[0].GetProperty("slug").GetString());
        Assert.Equal(statsBefore.GetProperty("totalCases").GetInt32(), statsAfter.GetProperty("totalCases").GetInt32());
        Assert.Equal(0, feed.GetProperty("items").GetArrayLength());

        // Claimed, they count; rejected, they leave again.
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{flood[0]}/claim", new { })).StatusCode);
        Assert.Equal(1, (await PublicAsync("/api/v1/public/stats?year=2026&platform=pipiwang")).GetProperty("totalCases").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{flood[0]}/reject", new { reason = "滥用申诉渠道" })).StatusCode);
        Assert.Equal(0, (await PublicAsync("/api/v1/public/stats?year=2026&platform=pipiwang")).GetProperty("totalCases").GetInt32());
    }

    [Fact]
    public async Task A_merchant_submits_at_most_five_cases_a_day_in_China_and_more_the_next_day()
    {
        var email = $"cap-{Guid.NewGuid():N}@example.test";
        var merchant = await Session.NewMerchantAsync(app, email);
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(merchant, "huobutou", 8300 + i);
        }

        var sixth = (await Session.CreateAsync(merchant, ADispute.RefundOnly("huobutou"))).GetProperty("id").GetString()!;
        await Uploads.UploadOkAsync(merchant, sixth, Uploads.Screenshot(8306));
        merchant.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var refused = await merchant.PostAsync($"/api/v1/disputes/{sixth}/submit", new { });
        var problem = await ApiClient.ReadAsync(refused);
        var stillDraft = await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{sixth}"));

        var china = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var untilMidnight = new DateTimeOffset(china.Date.AddDays(1), china.Offset) - china;
        app.Clock.Advance(untilMidnight);
        await Session.SignInAsync(merchant, email, Session.Password);
        var nextDay = await merchant.PostAsync($"/api/v1/disputes/{sixth}/submit", new { });

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(Math.Ceiling(untilMidnight.TotalSeconds), refused.Headers.RetryAfter?.Delta?.TotalSeconds);
        Assert.Contains("at most 5", problem.GetProperty("errors").GetProperty("submit")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Draft", stillDraft.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
    }

    private async Task<string> SubmitAsync(ApiClient merchant, string platform, int seed)
    {
        _last = merchant;
        var body = ADispute.RefundOnly(platform);
        body["title"] = $"加微信 {seed}";
        body["titleIsPublic"] = true;
        return await Uploads.SubmittedCaseAsync(merchant, body, seed);
    }

    /// <summary>Anonymous, and fresh: the clock moves past the public cache's 30 seconds first.</summary>
    private async Task<JsonElement> PublicAsync(string url)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false });
        return JsonDocument.Parse(await anonymous.GetStringAsync(url)).RootElement;
    }
}
