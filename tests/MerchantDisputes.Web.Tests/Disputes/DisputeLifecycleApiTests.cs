using System.Net;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Disputes;

public sealed class DisputeLifecycleApiTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_merchant_files_one_dispute_of_each_type_and_lists_exactly_their_own()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var other = await Session.NewMerchantAsync(app);
        await Session.CreateAsync(other, ADispute.RefundOnly());

        var refund = await Session.CreateAsync(merchant, ADispute.RefundOnly());
        var frozen = await Session.CreateAsync(merchant, ADispute.FrozenFunds());
        var fee = await Session.CreateAsync(merchant, ADispute.ForcedFee());

        Assert.Equal("Draft", refund.GetProperty("status").GetString());
        Assert.Equal("None", refund.GetProperty("escalationLevel").GetString());
        Assert.Matches(@"^MD-2026-\d{6}$", refund.GetProperty("caseNumber").GetString());
        Assert.Equal(1340.70m, refund.GetProperty("amount").GetDecimal());
        Assert.Equal("CN-GD", refund.GetProperty("region").GetString());
        Assert.Equal("ReturnedUndelivered", refund.GetProperty("refundOnly").GetProperty("logisticsStatus").GetString());
        Assert.Equal(36500, frozen.GetProperty("frozenFunds").GetProperty("statedFreezeDays").GetInt32());
        Assert.False(fee.GetProperty("forcedFee").GetProperty("consentGiven").GetBoolean());

        var list = await ApiClient.ReadAsync(await merchant.GetAsync("/api/v1/disputes"));
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Equal(new[] { refund, frozen, fee }.Select(d => d.GetProperty("id").GetString()).ToHashSet(), ids);
    }

    [Fact]
    public async Task Case_numbers_are_consecutive_and_unique()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var numbers = new List<string>();
        foreach (var body in new[] { ADispute.RefundOnly(), ADispute.FrozenFunds(), ADispute.ForcedFee() })
        {
            numbers.Add((await Session.CreateAsync(merchant, body)).GetProperty("caseNumber").GetString()!);
        }

        var sequence = numbers.Select(n => int.Parse(n[^6..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([sequence[0], sequence[0] + 1, sequence[0] + 2], sequence);
    }

    [Fact]
    public async Task The_detail_answer_carries_the_timeline_with_a_hash_chain()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var created = await Session.CreateAsync(merchant, ADispute.FrozenFunds());
        var detail = await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{created.GetProperty("id")}"));

        var entry = Assert.Single(detail.GetProperty("timeline").EnumerateArray());
        Assert.Equal("Created", entry.GetProperty("kind").GetString());
        Assert.Equal(new string('0', 64), entry.GetProperty("previousHash").GetString());
        Assert.Matches("^[0-9a-f]{64}$", entry.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task A_merchant_edits_a_draft_and_the_change_is_kept()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var created = await Session.CreateAsync(merchant, ADispute.RefundOnly());
        var id = created.GetProperty("id").GetString();

        var edited = await merchant.PutAsync($"/api/v1/disputes/{id}", ADispute.RefundOnly().With("amount", 99.5m).With("title", "新标题"));

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var read = await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}"));
        Assert.Equal(99.5m, read.GetProperty("amount").GetDecimal());
        Assert.Equal("新标题", read.GetProperty("title").GetString());
        Assert.Equal(2, read.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public async Task Editing_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await merchant.PutAsync($"/api/v1/disputes/{id}", ADispute.RefundOnly().With("amount", 1m))).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/disputes/{id}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(ADispute.RefundOnly().With("amount", 2m)),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var stale = await merchant.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var read = await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}"));
        Assert.Equal(1m, read.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_merchant_withdraws_a_draft_and_cannot_withdraw_it_twice()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.ForcedFee())).GetProperty("id").GetString();

        var withdrawn = await merchant.PostAsync($"/api/v1/disputes/{id}/withdraw", new { reason = "已与平台协商解决" });
        var again = await merchant.PostAsync($"/api/v1/disputes/{id}/withdraw", new { reason = "again" });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("Withdrawn", (await ApiClient.ReadAsync(withdrawn)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var edit = await merchant.PutAsync($"/api/v1/disputes/{id}", ADispute.ForcedFee());
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
    }

    [Fact]
    public async Task Another_merchant_gets_404_on_read_edit_and_withdraw()
    {
        var owner = await Session.NewMerchantAsync(app);
        var stranger = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(owner, ADispute.RefundOnly())).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/disputes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsync($"/api/v1/disputes/{id}", ADispute.RefundOnly())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/disputes/{id}/withdraw", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/disputes/{Guid.NewGuid()}")).StatusCode);
        var read = await ApiClient.ReadAsync(await owner.GetAsync($"/api/v1/disputes/{id}"));
        Assert.Equal("Draft", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api_and_a_redirect_from_pages()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/disputes")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/disputes", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me")).StatusCode);
        var page = await anonymous.GetAsync("/Disputes");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_type_status_and_platform()
    {
        var merchant = await Session.NewMerchantAsync(app);
        await Session.CreateAsync(merchant, ADispute.RefundOnly("1688"));
        await Session.CreateAsync(merchant, ADispute.RefundOnly("taobao"));
        await Session.CreateAsync(merchant, ADispute.FrozenFunds());

        var byType = await ApiClient.ReadAsync(await merchant.GetAsync("/api/v1/disputes?type=RefundOnly"));
        var byPlatform = await ApiClient.ReadAsync(await merchant.GetAsync("/api/v1/disputes?platform=taobao"));
        var byStatus = await ApiClient.ReadAsync(await merchant.GetAsync("/api/v1/disputes?status=Withdrawn"));

        Assert.Equal(2, byType.GetProperty("total").GetInt32());
        Assert.Equal(1, byPlatform.GetProperty("total").GetInt32());
        Assert.Equal(0, byStatus.GetProperty("total").GetInt32());
    }
}
