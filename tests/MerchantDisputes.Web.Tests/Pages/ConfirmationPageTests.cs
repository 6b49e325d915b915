using System.Net;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>
/// What cannot be undone asks first: the form's first post shows what happens next and changes nothing; the
/// confirmation posts the same fields again with confirmed=true and acts.
/// </summary>
public sealed class ConfirmationPageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Forwarding_shows_what_happens_next_with_the_note_and_forwards_only_when_confirmed()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");

        var asked = await AskAsync(mediator, id, "Forward", new() { ["note"] = "请核实物流退回记录" });

        Assert.Contains("确认转交平台？", asked, StringComparison.Ordinal);
        Assert.Contains("接下来会发生：", asked, StringComparison.Ordinal);
        Assert.Contains("平台须在 7 个工作日 内、即 ", asked, StringComparison.Ordinal);
        Assert.Contains("<blockquote class=\"prose\">请核实物流退回记录</blockquote>", asked, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"note\" value=\"请核实物流退回记录\" />", asked, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"confirmed\" value=\"true\" />", asked, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/Disputes/{id}\">返回，不执行</a>", asked, StringComparison.Ordinal);
        Assert.Equal(DisputeStatus.UnderReview, await StatusAsync(id));

        var forwarded = await PageCast.ActOkAsync(mediator, id, "Forward", new() { ["note"] = "请核实物流退回记录" });

        Assert.Contains("案件已转交平台。", forwarded, StringComparison.Ordinal);
        Assert.Equal(DisputeStatus.AwaitingPlatform, await StatusAsync(id));
    }

    [Fact]
    public async Task Rejecting_accepting_and_withdrawing_each_ask_before_acting()
    {
        var (merchant, id, mediator, agent) = await PageCast.ForwardedCaseAsync(app);
        await PageCast.ActOkAsync(agent, id, "Respond", new() { ["outcome"] = "Upheld", ["message"] = "维持原判定" });
        var other = await PageCast.MerchantAsync(app);
        var toReject = await PageCast.SubmittedCaseAsync(app, other);
        await PageCast.ActOkAsync(mediator, toReject, "Claim");

        var accept = await AskAsync(merchant.Browser, id, "Accept");
        var withdraw = await AskAsync(merchant.Browser, id, "Withdraw", new() { ["reason"] = "已与平台协商" });
        var reject = await AskAsync(mediator, toReject, "Reject", new() { ["reason"] = "与平台判定无关" });

        Assert.Contains("确认接受平台的答复？", accept, StringComparison.Ordinal);
        Assert.Contains("之后你可以为处理结果评分一次。", accept, StringComparison.Ordinal);
        Assert.Contains("确认撤回此申诉？", withdraw, StringComparison.Ordinal);
        Assert.Contains("案件将离开公开动态。", withdraw, StringComparison.Ordinal);
        Assert.Contains("确认驳回此案件？", reject, StringComparison.Ordinal);
        Assert.Contains("商家会收到通知，并看到你填写的理由。", reject, StringComparison.Ordinal);
        Assert.Equal(DisputeStatus.PlatformResponded, await StatusAsync(id));
        Assert.Equal(DisputeStatus.UnderReview, await StatusAsync(toReject));
        Assert.Contains("已解决", await PageCast.ActOkAsync(merchant.Browser, id, "Accept"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_action_shows_its_errors_and_is_not_asked_about()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");

        var page = await AskAsync(mediator, id, "Reject", new() { ["reason"] = " " });

        Assert.DoesNotContain("确认驳回此案件？", page, StringComparison.Ordinal);
        Assert.Contains("请修改下方标出的内容。", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_from_the_evidence_form_asks_first_and_submits_when_confirmed()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = (await Session.CreateAsync(merchant.Api, ADispute.RefundOnly("1688"))).GetProperty("id").GetString()!;
        await Workflow.Support.Arrange.EvidenceAsync(merchant.Api, Guid.Parse(id));
        var form = await PageCast.FormOfAsync(merchant.Browser, $"/Disputes/{id}");

        var asked = await form.PostAsync(merchant.Browser, $"/Disputes/{id}/evidence?handler=Submit");
        var askedPage = await asked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("确认提交申诉？", askedPage, StringComparison.Ordinal);
        Assert.Contains("案件内容和证据将锁定，不能再修改、添加或删除。", askedPage, StringComparison.Ordinal);
        Assert.Equal(DisputeStatus.Draft, await StatusAsync(id));

        var confirmed = await form.PostAsync(merchant.Browser, $"/Disputes/{id}/evidence?handler=Submit", new() { ["confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(DisputeStatus.Submitted, await StatusAsync(id));
    }

    [Fact]
    public async Task A_draft_is_deleted_from_its_page_with_its_evidence_after_confirming()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = (await Session.CreateAsync(merchant.Api, ADispute.RefundOnly("1688"))).GetProperty("id").GetString()!;
        await Workflow.Support.Arrange.EvidenceAsync(merchant.Api, Guid.Parse(id));
        var blob = await app.WithDbAsync(db => db.Evidence.Where(e => e.DisputeId == Guid.Parse(id)).Select(e => e.BlobName).SingleAsync());
        var casePage = await merchant.Browser.GetStringAsync($"/Disputes/{id}");

        var asked = await AskAsync(merchant.Browser, id, "Delete");
        var deleted = await PageCast.ActAsync(merchant.Browser, id, "Delete");

        Assert.Contains("?handler=Delete\"", casePage, StringComparison.Ordinal);
        Assert.Contains("草稿及其全部证据将被永久删除，不能恢复。", asked, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/Disputes", deleted.Headers.Location?.ToString());
        Assert.Contains("草稿已删除。", await merchant.Browser.GetStringAsync("/Disputes"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.Browser.GetAsync($"/Disputes/{id}")).StatusCode);
        Assert.DoesNotContain(app.EvidenceBlobFiles(), f => f.Contains(Path.GetFileName(blob), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_submitted_case_offers_no_delete()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);

        var page = await merchant.Browser.GetStringAsync($"/Disputes/{id}");
        var response = await PageCast.ActAsync(merchant.Browser, id, "Delete");

        Assert.DoesNotContain("?handler=Delete\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(DisputeStatus.Submitted, await StatusAsync(id));
    }

    /// <summary>Posts an action's form without confirming it; the answer is the confirmation step (200).</summary>
    private static async Task<string> AskAsync(HttpClient browser, string id, string handler, Dictionary<string, string>? fields = null)
    {
        var response = await PageCast.ActAsync(browser, id, handler, new(fields ?? []) { ["confirmed"] = "false" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{handler}: {(int)response.StatusCode}");
        return PageCast.MainOf(body);
    }

    private Task<DisputeStatus> StatusAsync(string id) =>
        app.WithDbAsync(db => db.Disputes.Where(d => d.Id == Guid.Parse(id)).Select(d => d.Status).SingleAsync());
}
