using System.Net;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>A mediator approves a merchant's public title on the case page; the merchant sees it waits for that.</summary>
public sealed class TitleApprovalPageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_mediator_approves_the_public_title_on_the_case_page_and_the_feed_shows_it_from_then_on()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var title = $"页面批准的标题 {Guid.NewGuid():N}";
        var body = ADispute.RefundOnly("1688");
        body["title"] = title;
        body["titleIsPublic"] = true;
        var id = (await Session.CreateAsync(merchant.Api, body)).GetProperty("id").GetString()!;
        await Workflow.Support.Arrange.EvidenceAsync(merchant.Api, Guid.Parse(id));
        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PostAsync($"/api/v1/disputes/{id}/submit", null)).StatusCode);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");
        var merchantBrowser = await Browser.SignedInAsync(app, merchant.Email, Session.Password);

        var before = await mediator.GetStringAsync($"/Disputes/{id}");
        var toMerchant = await merchantBrowser.GetStringAsync($"/Disputes/{id}");
        var approved = await PageCast.ActOkAsync(mediator, id, "ApproveTitle");
        var feed = await app.CreateClient().GetStringAsync("/api/v1/public/feed?pageSize=50");

        Assert.Contains("handler=ApproveTitle", before, StringComparison.Ordinal);
        Assert.Contains("是（待调解员批准后公开）", toMerchant, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=ApproveTitle", toMerchant, StringComparison.Ordinal);
        Assert.Contains("已批准公开标题。", approved, StringComparison.Ordinal);
        Assert.Contains("调解员批准公开标题", approved, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=ApproveTitle", approved, StringComparison.Ordinal);
        Assert.Contains(title, feed, StringComparison.Ordinal);
    }
}
