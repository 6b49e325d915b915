using System.Net;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Evidence;

public sealed class TightActionLimitsAppFactory : DisputesAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("RateLimits:UploadsPerMinute", "2"),
        new("RateLimits:MessagesPerMinute", "2"),
    ];
}

/// <summary>Issue 22, item 3: the same limit for the same action, whether the API or the page form is used.</summary>
public sealed class PageDoorLimitTests(TightActionLimitsAppFactory app) : IClassFixture<TightActionLimitsAppFactory>
{
    [Fact]
    public async Task After_the_api_refuses_uploads_the_page_form_is_refused_too()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await DraftAsync(merchant);
        await Uploads.UploadOkAsync(merchant.Api, id, Uploads.Screenshot(1));
        await Uploads.UploadOkAsync(merchant.Api, id, Uploads.Screenshot(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Uploads.UploadAsync(merchant.Api, id, Uploads.Screenshot(3))).StatusCode);

        var page = await PageUploads.PostAsync(merchant.Browser, id, (Uploads.Screenshot(4), "4.png", "第四张"));

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => Task.FromResult(db.Evidence.Count(e => e.DisputeId == Guid.Parse(id)))));
    }

    [Fact]
    public async Task After_the_page_form_has_used_the_uploads_the_api_is_refused()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await DraftAsync(merchant);
        await PageUploads.PostOkAsync(merchant.Browser, id, (Uploads.Screenshot(11), "1.png", null));
        await PageUploads.PostOkAsync(merchant.Browser, id, (Uploads.Screenshot(12), "2.png", null));

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Uploads.UploadAsync(merchant.Api, id, Uploads.Screenshot(13))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PageUploads.PostAsync(merchant.Browser, id, (Uploads.Screenshot(14), "3.png", null))).StatusCode);
    }

    [Fact]
    public async Task After_the_api_refuses_messages_the_page_form_is_refused_too_and_the_other_way_round()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await SubmittedAsync(merchant);
        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "一" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "二" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await merchant.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "三" })).StatusCode);

        var page = await PageCast.ActAsync(merchant.Browser, id, "Message", new() { ["body"] = "四" });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);

        var other = await PageCast.MerchantAsync(app);
        var otherId = await SubmittedAsync(other);
        await PageCast.ActOkAsync(other.Browser, otherId, "Message", new() { ["body"] = "一" });
        await PageCast.ActOkAsync(other.Browser, otherId, "Message", new() { ["body"] = "二" });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await other.Api.PostAsync($"/api/v1/disputes/{otherId}/messages", new { body = "三" })).StatusCode);
    }

    [Fact]
    public async Task Opening_the_pages_and_their_other_forms_do_not_count()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await SubmittedAsync(merchant);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await merchant.Browser.GetAsync($"/Disputes/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "仍可留言" })).StatusCode);
    }

    private static async Task<string> DraftAsync(PageMerchant merchant) =>
        (await Session.CreateAsync(merchant.Api, ADispute.RefundOnly())).GetProperty("id").GetString()!;

    /// <summary>Submitted without spending the uploads budget: one screenshot through the page is one upload.</summary>
    private static async Task<string> SubmittedAsync(PageMerchant merchant)
    {
        var id = await DraftAsync(merchant);
        await Uploads.UploadOkAsync(merchant.Api, id, Uploads.Screenshot(Random.Shared.Next()));
        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PostAsync($"/api/v1/disputes/{id}/submit", new { })).StatusCode);
        return id;
    }
}
