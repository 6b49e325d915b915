using System.Net;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>The evidence viewer page: one screenshot at a time, fitted or at actual size, for those who may see the case.</summary>
public sealed class EvidenceViewerPageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task The_merchant_steps_through_the_screenshots_fitted_or_at_actual_size()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = (await Session.CreateAsync(merchant.Api, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        var first = (await Uploads.UploadOkAsync(merchant.Api, id, Uploads.Screenshot(1, 108, 2400), "判定页面")).GetProperty("id").GetString();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await Uploads.UploadOkAsync(merchant.Api, id, Uploads.Screenshot(2), "物流")).GetProperty("id").GetString();

        var casePage = await merchant.Browser.GetStringAsync($"/Disputes/{id}");
        var fitted = await merchant.Browser.GetStringAsync($"/Disputes/{id}/evidence/{first}");
        var actual = await merchant.Browser.GetStringAsync($"/Disputes/{id}/evidence/{first}?zoom=true");
        var last = await merchant.Browser.GetStringAsync($"/Disputes/{id}/evidence/{second}");

        Assert.Contains($"href=\"/Disputes/{id}/evidence/{first}\"", casePage, StringComparison.Ordinal);
        Assert.Contains("第 1 / 2 张", fitted, StringComparison.Ordinal);
        Assert.Contains("判定页面", fitted, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/api/v1/evidence/{first}/content\"", fitted, StringComparison.Ordinal);
        Assert.Contains("width=\"108\" height=\"2400\"", fitted, StringComparison.Ordinal);
        Assert.Contains("class=\"viewer fit\"", fitted, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Disputes/{id}/evidence/{first}?zoom=true\"", fitted, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Disputes/{id}/evidence/{second}\" rel=\"next\"", fitted, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", fitted, StringComparison.Ordinal);
        Assert.Contains("class=\"viewer actual\"", actual, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Disputes/{id}/evidence/{second}?zoom=true\" rel=\"next\"", actual, StringComparison.Ordinal);
        Assert.Contains("第 2 / 2 张", last, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Disputes/{id}/evidence/{first}\" rel=\"prev\"", last, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/evidence/{first}/original", fitted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_those_who_may_see_the_case_open_its_screenshots_and_agents_never_get_the_original()
    {
        var (merchant, id, mediator, agent) = await PageCast.ForwardedCaseAsync(app);
        var evidenceId = (await ApiClient.ReadAsync(await merchant.Api.GetAsync($"/api/v1/disputes/{id}/evidence")))[0].GetProperty("id").GetString();
        var viewer = $"/Disputes/{id}/evidence/{evidenceId}";
        var stranger = await PageCast.MerchantAsync(app);
        var otherAgent = await PageCast.StaffAsync(app, Roles.PlatformAgent, "taobao");
        var strangersCase = (await Session.CreateAsync(stranger.Api, ADispute.RefundOnly())).GetProperty("id").GetString();

        var toMediator = await mediator.GetStringAsync(viewer);
        var toAgent = await agent.GetStringAsync(viewer);

        Assert.Contains($"/api/v1/evidence/{evidenceId}/original", toMediator, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/evidence/{evidenceId}/content", toAgent, StringComparison.Ordinal);
        Assert.DoesNotContain("/original", toAgent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Browser.GetAsync(viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgent.GetAsync(viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Browser.GetAsync($"/Disputes/{strangersCase}/evidence/{evidenceId}")).StatusCode);
    }
}
