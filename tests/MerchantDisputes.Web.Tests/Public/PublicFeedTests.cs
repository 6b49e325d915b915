using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// Which cases the public feed lists: a filing only once a mediator has taken it up, and never one withdrawn or
/// rejected. Each case carries a public title of its own, and the feed is read uncached (page size varies the key).
/// </summary>
public sealed class PublicFeedTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_filing_is_listed_only_after_a_mediator_claimed_it()
    {
        var (id, title, _) = await PublicCaseAsync(7401);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/approve-title", new { })).StatusCode);
        var before = await ListedAsync(title, pageSize: 91);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);

        Assert.False(before);
        Assert.True(await ListedAsync(title, pageSize: 92));
    }

    [Fact]
    public async Task A_withdrawn_case_leaves_the_feed()
    {
        var (id, title, merchant) = await PublicCaseAsync(7402);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/approve-title", new { })).StatusCode);
        var listed = await ListedAsync(title, pageSize: 93);

        var withdrawn = await merchant.PostAsync($"/api/v1/disputes/{id}/withdraw", new { reason = "担心被平台报复" });

        Assert.True(listed);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.False(await ListedAsync(title, pageSize: 94));
    }

    [Fact]
    public async Task A_rejected_case_leaves_the_feed()
    {
        var (id, title, _) = await PublicCaseAsync(7403);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);

        var rejected = await mediator.PostAsync($"/api/v1/disputes/{id}/reject", new { reason = "与平台判定无关" });

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.False(await ListedAsync(title, pageSize: 95));
    }

    [Fact]
    public async Task A_public_title_is_shown_only_after_a_mediator_approved_it_and_a_neutral_text_stands_in_until_then()
    {
        var (id, title, _) = await PublicCaseAsync(7404);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);
        var listedBefore = await ListedAsync(title, pageSize: 96);
        var neutral = (await FeedAsync(pageSize: 96)).GetProperty("items").EnumerateArray()
            .Where(i => !i.GetProperty("titleApproved").GetBoolean()).Select(i => i.GetProperty("title").GetString()).ToList();
        var pageBefore = await AnonymousPageAsync("/Public?page=1&culture=en");

        var approved = await mediator.PostAsync($"/api/v1/disputes/{id}/approve-title", new { });

        Assert.False(listedBefore);
        Assert.Contains("1688 · 仅退款申诉", neutral);
        Assert.DoesNotContain(title, pageBefore, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(JsonValueKind.String, (await ApiClient.ReadAsync(approved)).GetProperty("titleApprovedAt").ValueKind);
        Assert.True(await ListedAsync(title, pageSize: 97));
    }

    [Fact]
    public async Task Only_a_mediator_approves_a_title()
    {
        var (id, _, merchant) = await PublicCaseAsync(7405);

        var byMerchant = await merchant.PostAsync($"/api/v1/disputes/{id}/approve-title", new { });

        Assert.Equal(HttpStatusCode.Forbidden, byMerchant.StatusCode);
    }

    private async Task<(string Id, string Title, ApiClient Merchant)> PublicCaseAsync(int seed)
    {
        var merchant = await Session.NewMerchantAsync(app);
        var title = $"公开标题 {seed} {Guid.NewGuid():N}";
        var body = ADispute.RefundOnly("1688");
        body["title"] = title;
        body["titleIsPublic"] = true;
        var id = await Uploads.SubmittedCaseAsync(merchant, body, seed);
        return (id, title, merchant);
    }

    private async Task<bool> ListedAsync(string title, int pageSize) =>
        (await FeedAsync(pageSize)).GetProperty("items").EnumerateArray().Any(i => i.TryGetProperty("title", out var t) && t.GetString() == title);

    private async Task<JsonElement> FeedAsync(int pageSize)
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false });
        return JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/public/feed?pageSize={pageSize}")).RootElement;
    }

    private Task<string> AnonymousPageAsync(string url) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false }).GetStringAsync(url);
}
