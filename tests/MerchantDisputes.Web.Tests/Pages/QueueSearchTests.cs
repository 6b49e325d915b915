using System.Net;
using System.Text;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>The mediators' queue: search by case number, order number or store name; "mine"; the view as CSV.</summary>
public sealed class QueueSearchTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task The_queue_finds_a_case_by_its_case_number_order_number_store_name_or_store_id()
    {
        var store = $"搜索店{Guid.NewGuid():N}"[..12];
        var storeId = $"SID{Guid.NewGuid():N}"[..14];
        var order = $"ORD-{Guid.NewGuid():N}"[..16];
        var merchant = await PageCast.MerchantAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PutAsync("/api/v1/me", new { displayName = "卢明", storeName = store, province = "CN-GD", storeId })).StatusCode);
        var sought = await CaseAsync(merchant, order);
        var other = await PageCast.SubmittedCaseAsync(app, await PageCast.MerchantAsync(app));
        var number = await CaseNumberAsync(sought);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);

        foreach (var term in new[] { number, number[^6..], number.ToLowerInvariant(), order, order[4..], store, $"  {store} ", storeId, storeId[3..] })
        {
            var page = await mediator.GetStringAsync("/Disputes?q=" + Uri.EscapeDataString(term));
            Assert.True(page.Contains($"/Disputes/{sought}", StringComparison.Ordinal), $"not found by {term}");
            Assert.False(page.Contains($"/Disputes/{other}", StringComparison.Ordinal), $"{term} found another case too");
        }

        Assert.Contains($"value=\"{store}\"", await mediator.GetStringAsync("/Disputes?q=" + Uri.EscapeDataString(store)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mine_lists_only_the_cases_the_mediator_claimed()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var claimedByMe = await PageCast.SubmittedCaseAsync(app, merchant);
        var claimedByOther = await PageCast.SubmittedCaseAsync(app, merchant);
        var unclaimed = await PageCast.SubmittedCaseAsync(app, merchant);
        var me = await PageCast.StaffAsync(app, Roles.Mediator);
        var colleague = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(me, claimedByMe, "Claim");
        await PageCast.ActOkAsync(colleague, claimedByOther, "Claim");

        var mine = await me.GetStringAsync("/Disputes?mine=true");
        var all = await me.GetStringAsync("/Disputes");

        Assert.Contains($"/Disputes/{claimedByMe}", mine, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Disputes/{claimedByOther}", mine, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Disputes/{unclaimed}", mine, StringComparison.Ordinal);
        Assert.Contains("id=\"mine\" name=\"mine\" value=\"true\" checked=\"checked\"", mine, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{unclaimed}", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_view_exports_as_csv_with_a_bom_the_same_filters_and_formulas_defused()
    {
        var order = $"CSV-{Guid.NewGuid():N}"[..16];
        var merchant = await PageCast.MerchantAsync(app);
        var body = ADispute.RefundOnly("1688");
        body["title"] = "=HYPERLINK(\"http://evil.test\",\"点我\")";
        ((Dictionary<string, object?>)body["refundOnly"]!)["orderNumber"] = order;
        var sought = (await Session.CreateAsync(merchant.Api, body)).GetProperty("id").GetString()!;
        await Workflow.Support.Arrange.EvidenceAsync(merchant.Api, Guid.Parse(sought));
        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PostAsync($"/api/v1/disputes/{sought}/submit", null)).StatusCode);
        var other = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        var page = await mediator.GetStringAsync($"/Disputes?q={order}");

        var response = await mediator.GetAsync($"/Disputes?handler=Csv&q={order}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes);

        Assert.Contains($"href=\"?handler=Csv&amp;q={order}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = csv[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("案件编号,标题,平台,类型,状态", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith(await CaseNumberAsync(sought) + ",\"'=HYPERLINK(", row, StringComparison.Ordinal);
        Assert.Contains(",仅退款,已提交,", row, StringComparison.Ordinal);
        Assert.DoesNotContain(await CaseNumberAsync(other), csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_searches_filters_mine_and_exports_for_staff_only()
    {
        var order = $"API-{Guid.NewGuid():N}"[..16];
        var merchant = await PageCast.MerchantAsync(app);
        var sought = await CaseAsync(merchant, order);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{sought}/claim", new { })).StatusCode);

        var found = await ApiClient.ReadAsync(await mediator.GetAsync($"/api/v1/disputes?q={order}&mine=true"));
        var export = await mediator.GetAsync($"/api/v1/disputes/export?q={order}");
        var byMerchant = await merchant.Api.GetAsync($"/api/v1/disputes/export?q={order}");

        Assert.Equal(sought, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(await CaseNumberAsync(sought), await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byMerchant.StatusCode);
    }

    private static async Task<string> CaseAsync(PageMerchant merchant, string orderNumber)
    {
        var body = ADispute.RefundOnly("1688");
        ((Dictionary<string, object?>)body["refundOnly"]!)["orderNumber"] = orderNumber;
        var id = (await Session.CreateAsync(merchant.Api, body)).GetProperty("id").GetString()!;
        await Workflow.Support.Arrange.EvidenceAsync(merchant.Api, Guid.Parse(id));
        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PostAsync($"/api/v1/disputes/{id}/submit", null)).StatusCode);
        return id;
    }

    private Task<string> CaseNumberAsync(string id) =>
        app.WithDbAsync(db => db.Disputes.Where(d => d.Id == Guid.Parse(id)).Select(d => d.CaseNumber).SingleAsync());
}
