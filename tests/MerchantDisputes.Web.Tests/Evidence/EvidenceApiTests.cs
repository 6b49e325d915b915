using System.Net;
using System.Security.Cryptography;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Evidence;

public sealed class EvidenceApiTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_merchant_adds_screenshots_to_a_draft_submits_and_can_then_change_nothing()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        var first = Uploads.Screenshot(1);
        var second = TestImages.Png(1080, 30_000);

        var a = await Uploads.UploadOkAsync(merchant, id, first, "退款记录");
        var b = await Uploads.UploadOkAsync(merchant, id, second, "长截图");
        var submitted = await merchant.PostAsync($"/api/v1/disputes/{id}/submit", new { });
        var late = await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(2));
        var remove = await merchant.Http.DeleteAsync(a.GetProperty("id").GetString() is { } eid ? $"/api/v1/evidence/{eid}" : null);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first)), a.GetProperty("originalSha256").GetString());
        Assert.Equal("退款记录", a.GetProperty("caption").GetString());
        Assert.Equal(30_000, b.GetProperty("height").GetInt32());
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, remove.StatusCode);
        var list = await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}/evidence"));
        Assert.Equal(2, list.GetArrayLength());
    }

    [Fact]
    public async Task Uploads_to_one_case_at_the_same_time_all_land_on_an_intact_timeline()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Uploads.UploadAsync(merchant, id, Uploads.Screenshot(9100 + i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(4, (await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}/evidence"))).GetArrayLength());
        Assert.True((await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}/timeline/verify"))).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_case_without_evidence_cannot_be_submitted()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.FrozenFunds())).GetProperty("id").GetString();

        var response = await merchant.PostAsync($"/api/v1/disputes/{id}/submit", new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Draft", (await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_draft_screenshot_can_be_removed_and_recaptioned()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        var keep = await Uploads.UploadOkAsync(merchant, id, Uploads.Screenshot(11));
        var drop = await Uploads.UploadOkAsync(merchant, id, Uploads.Screenshot(12));

        var removed = await merchant.Http.DeleteAsync($"/api/v1/evidence/{drop.GetProperty("id").GetString()}");
        var captioned = await merchant.PutAsync($"/api/v1/evidence/{keep.GetProperty("id").GetString()}", new { caption = "平台判定页面" });

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("平台判定页面", (await ApiClient.ReadAsync(captioned)).GetProperty("caption").GetString());
        Assert.Equal(1, (await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}/evidence"))).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/api/v1/evidence/{drop.GetProperty("id").GetString()}/content")).StatusCode);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(app.DataDirectory, "evidence"), "*", SearchOption.AllDirectories)
            .Count(f => f.Contains(keep.GetProperty("id").GetString()!.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal) && !f.Contains(".meta", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_same_bytes_twice_on_one_case_return_the_item_already_there()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        var bytes = Uploads.Screenshot(21);

        var first = await Uploads.UploadAsync(merchant, id, bytes);
        var again = await Uploads.UploadAsync(merchant, id, bytes, "again.png");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await ApiClient.ReadAsync(first)).GetProperty("id").GetString(), (await ApiClient.ReadAsync(again)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_same_bytes_in_another_merchants_case_are_flagged_for_mediators_only()
    {
        var bytes = Uploads.Screenshot(31);
        var one = await Session.NewMerchantAsync(app);
        var two = await Session.NewMerchantAsync(app);
        var firstCase = (await Session.CreateAsync(one, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        await Uploads.UploadOkAsync(one, firstCase, bytes);
        var secondCase = (await Session.CreateAsync(two, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        await Uploads.UploadOkAsync(two, secondCase, bytes);
        Assert.Equal(HttpStatusCode.OK, (await two.PostAsync($"/api/v1/disputes/{secondCase}/submit", new { })).StatusCode);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);

        var seenByMediator = (await ApiClient.ReadAsync(await mediator.GetAsync($"/api/v1/disputes/{secondCase}/evidence")))[0];
        var seenByMerchant = (await ApiClient.ReadAsync(await two.GetAsync($"/api/v1/disputes/{secondCase}/evidence")))[0];

        Assert.True(seenByMediator.GetProperty("seenInOtherMerchantsCase").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seenByMerchant.GetProperty("seenInOtherMerchantsCase").ValueKind);
    }

    [Fact]
    public async Task Downloads_are_authorised_per_role_and_never_sniffed()
    {
        var owner = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(owner, ADispute.RefundOnly("1688"))).GetProperty("id").GetString()!;
        var item = await Uploads.UploadOkAsync(owner, id, Uploads.Screenshot(41));
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/v1/disputes/{id}/submit", new { })).StatusCode);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { });
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/forward", new { note = "请核实" })).StatusCode);
        var agent = await Staff.SignInAsync(app, Roles.PlatformAgent, "1688");
        var otherAgent = await Staff.SignInAsync(app, Roles.PlatformAgent, "aliexpress");
        var stranger = await Session.NewMerchantAsync(app);
        var anonymous = new ApiClient(app.CreateClient());
        var root = $"/api/v1/evidence/{item.GetProperty("id").GetString()}";

        foreach (var part in new[] { "content", "thumbnail", "original" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{root}/{part}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await otherAgent.GetAsync($"{root}/{part}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{root}/{part}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{root}/{part}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync($"{root}/{part}")).StatusCode);
        }

        var content = await agent.GetAsync($"{root}/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal("image/png", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", content.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; sandbox", content.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"{root}/original")).StatusCode);
        var original = await mediator.GetAsync($"{root}/original");
        Assert.Equal("application/octet-stream", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", original.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Uploads.Screenshot(41), await original.Content.ReadAsByteArrayAsync());
    }
}
