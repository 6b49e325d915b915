using System.Globalization;
using System.Net;
using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>Every role does its part of a case through the case page's plain forms, without the API.</summary>
public sealed class CaseActionPageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_mediator_claims_and_forwards_the_1688_agent_answers_and_the_merchant_accepts_and_rates_five_through_the_pages()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);

        var claimed = await PageCast.ActOkAsync(mediator, id, "Claim");
        Assert.Contains("已受理本案。", claimed, StringComparison.Ordinal);
        Assert.Contains("审核中", claimed, StringComparison.Ordinal);

        var forwardedAt = app.Clock.GetUtcNow();
        var forwarded = await PageCast.ActOkAsync(mediator, id, "Forward", new() { ["note"] = "请核实物流退回记录" });
        Assert.Contains("案件已转交平台。", forwarded, StringComparison.Ordinal);
        // Forwarded on Monday 2 March 2026 at 09:00 (CST): seven working days end on Wednesday 11 March at 18:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), forwardedAt);
        Assert.Contains("平台答复期限：7 个工作日（2026年3月11日 18:00 前），<span class=\"left\">剩余 7 个工作日 9 小时</span>", forwarded, StringComparison.Ordinal);

        // Days later (sessions last hours, so people sign in again).
        app.Clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(21));
        var agent = await PageCast.StaffAsync(app, Roles.PlatformAgent, "1688");
        var merchantBrowser = await Browser.SignedInAsync(app, merchant.Email, Session.Password);
        var inbox = await agent.GetStringAsync("/Disputes");
        Assert.Contains("平台收件箱", inbox, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{id}", inbox, StringComparison.Ordinal);
        var beforeAnswer = await agent.GetStringAsync($"/Disputes/{id}");
        Assert.Contains("剩余 3 个工作日 0 小时", beforeAnswer, StringComparison.Ordinal); // Saturday 7 March, 06:00
        Assert.Contains("请核实物流退回记录", beforeAnswer, StringComparison.Ordinal);

        var answered = await PageCast.ActOkAsync(agent, id, "Respond", new() { ["outcome"] = "Reversed", ["message"] = "经核实包裹已退回，撤销仅退款判定，货款已退还。" });
        Assert.Contains("答复已提交。", answered, StringComparison.Ordinal);

        var toMerchant = await merchantBrowser.GetStringAsync($"/Disputes/{id}");
        Assert.Contains("平台答复", toMerchant, StringComparison.Ordinal);
        Assert.Contains("撤销原判定", toMerchant, StringComparison.Ordinal);
        Assert.Contains("经核实包裹已退回，撤销仅退款判定，货款已退还。", toMerchant, StringComparison.Ordinal);

        var accepted = await PageCast.ActOkAsync(merchantBrowser, id, "Accept");
        Assert.Contains("您已接受答复，案件已解决。", accepted, StringComparison.Ordinal);
        Assert.Contains("handler=Rate", accepted, StringComparison.Ordinal);

        var rated = await PageCast.ActOkAsync(merchantBrowser, id, "Rate", new() { ["score"] = "5", ["comment"] = "处理及时" });
        Assert.Contains("感谢您的评价。", rated, StringComparison.Ordinal);
        Assert.Contains("5 / 5 分", rated, StringComparison.Ordinal);
        Assert.Contains("建议下单", rated, StringComparison.Ordinal);
        Assert.Contains("<summary>评级是怎么来的？</summary>", rated, StringComparison.Ordinal);
        Assert.Contains("消费评级由案件的结果算出，不由任何人填写", rated, StringComparison.Ordinal);
        Assert.Contains("处理及时", rated, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Rate", rated, StringComparison.Ordinal);

        await Session.SignInAsync(merchant.Api, merchant.Email, Session.Password);
        var api = await ApiClient.ReadAsync(await merchant.Api.GetAsync($"/api/v1/disputes/{id}"));
        Assert.Equal(("Resolved", 5, "Recommended"), (api.GetProperty("status").GetString(), api.GetProperty("merchantScore").GetInt32(), api.GetProperty("rating").GetString()));
    }

    [Fact]
    public async Task The_case_page_offers_each_role_only_the_actions_it_may_take()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        var agent = await PageCast.StaffAsync(app, Roles.PlatformAgent, "1688");

        var submittedToMediator = await mediator.GetStringAsync($"/Disputes/{id}");
        AssertHandlers(submittedToMediator, present: ["Claim", "Message"], absent: ["Forward", "Reject", "RequestInfo", "Respond", "Accept", "Opinion"]);
        Assert.Contains("name=\"internal\"", submittedToMediator, StringComparison.Ordinal);

        var submittedToMerchant = await merchant.Browser.GetStringAsync($"/Disputes/{id}");
        AssertHandlers(submittedToMerchant, present: ["Withdraw", "Message"], absent: ["Claim", "Forward", "Reject", "Close", "Respond", "Accept", "Rate"]);
        Assert.DoesNotContain("name=\"internal\"", submittedToMerchant, StringComparison.Ordinal);

        await PageCast.ActOkAsync(mediator, id, "Claim");
        var underReview = await mediator.GetStringAsync($"/Disputes/{id}");
        AssertHandlers(underReview, present: ["Forward", "RequestInfo", "Reject", "Close"], absent: ["Claim", "Respond"]);

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/Disputes/{id}")).StatusCode);
        await PageCast.ActOkAsync(mediator, id, "Forward");

        var toAgent = await agent.GetStringAsync($"/Disputes/{id}");
        AssertHandlers(toAgent, present: ["Respond", "Message"], absent: ["Claim", "Forward", "Reject", "Close", "Accept", "Contest", "Withdraw", "Opinion"]);
        Assert.DoesNotContain("name=\"internal\"", toAgent, StringComparison.Ordinal);

        var awaitingToMerchant = await merchant.Browser.GetStringAsync($"/Disputes/{id}");
        AssertHandlers(awaitingToMerchant, present: ["Withdraw"], absent: ["Forward", "Respond", "Accept", "Contest"]);
    }

    [Fact]
    public async Task A_stale_form_is_a_conflict_that_names_the_current_status()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var first = await PageCast.StaffAsync(app, Roles.Mediator);
        var second = await PageCast.StaffAsync(app, Roles.Mediator);
        var secondsPage = await PageCast.FormOfAsync(second, $"/Disputes/{id}");

        await PageCast.ActOkAsync(first, id, "Claim");
        var late = await secondsPage.PostAsync(second, $"/Disputes/{id}?handler=Claim");

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("该案件刚被他人处理，当前状态为“审核中”", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_form_shows_its_errors_in_place_and_keeps_what_was_typed()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");

        var reject = await PageCast.ActAsync(mediator, id, "Reject", new() { ["reason"] = "   " });
        var requestInfo = await PageCast.ActAsync(mediator, id, "RequestInfo", new() { ["message"] = "请补充退货底单", ["dueBy"] = "2026-13-40" });

        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        var rejectPage = await reject.Content.ReadAsStringAsync();
        Assert.Contains("理由为必填项。", rejectPage, StringComparison.Ordinal);
        Assert.Contains("id=\"action-Reject\" class=\"action\" open=\"open\"", rejectPage, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", rejectPage, StringComparison.Ordinal);
        var infoPage = await requestInfo.Content.ReadAsStringAsync();
        Assert.Contains("补充期限的取值无效。", infoPage, StringComparison.Ordinal);
        Assert.Contains("请补充退货底单</textarea>", infoPage, StringComparison.Ordinal);
        Assert.Contains("审核中", infoPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_time_on_the_case_page_names_China_Standard_Time_in_either_language()
    {
        var (merchant, id, _, _) = await PageCast.ForwardedCaseAsync(app);
        var english = await Browser.SignedInAsync(app, merchant.Email, Session.Password);
        await english.GetAsync($"/culture?culture=en&returnUrl=/Disputes/{id}");

        var zh = WebUtility.HtmlDecode(PageCast.MainOf(await merchant.Browser.GetStringAsync($"/Disputes/{id}")));
        var en = WebUtility.HtmlDecode(PageCast.MainOf(await english.GetStringAsync($"/Disputes/{id}")));

        Assert.Contains("本页时间均为北京时间（中国标准时间，UTC+8）。", zh, StringComparison.Ordinal);
        Assert.Contains("All times on this page are China Standard Time (Beijing time, UTC+8).", en, StringComparison.Ordinal);
        foreach (var (page, zone) in new[] { (zh, "（北京时间）"), (en, " (UTC+8)") })
        {
            var times = System.Text.RegularExpressions.Regex.Matches(page, "<time datetime=\"[^\"]+\">([^<]+)</time>");
            Assert.NotEmpty(times);
            Assert.All(times, t => Assert.EndsWith(zone, t.Groups[1].Value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Information_is_requested_with_a_due_date_and_answered_through_the_pages()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");
        var due = ChinaTime.Today(app.Clock.GetUtcNow()).AddDays(3);

        var requested = await PageCast.ActOkAsync(mediator, id, "RequestInfo", new()
        {
            ["message"] = "请补充退货底单",
            ["dueBy"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        var toMerchant = await merchant.Browser.GetStringAsync($"/Disputes/{id}");
        var provided = await PageCast.ActOkAsync(merchant.Browser, id, "ProvideInfo", new() { ["message"] = "底单已上传，见截图二" });

        Assert.Contains("已要求商家补充材料。", requested, StringComparison.Ordinal);
        var endOfDue = due.AddDays(1);
        Assert.Contains($"补充材料期限：{endOfDue.Year}年{endOfDue.Month}月{endOfDue.Day}日 00:00 前，", toMerchant, StringComparison.Ordinal);
        Assert.Contains("请补充退货底单", toMerchant, StringComparison.Ordinal);
        Assert.Contains("handler=ProvideInfo", toMerchant, StringComparison.Ordinal);
        Assert.Contains("补充材料已提交，调解员将重新审核。", provided, StringComparison.Ordinal);
        Assert.Contains("底单已上传，见截图二", await mediator.GetStringAsync($"/Disputes/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_internal_note_is_marked_for_staff_and_never_reaches_the_merchant_or_the_platform()
    {
        var (merchant, id, mediator, agent) = await PageCast.ForwardedCaseAsync(app);

        var noted = await PageCast.ActOkAsync(mediator, id, "Message", new() { ["body"] = "内部：该商家去年有类似投诉", ["internal"] = "true" });
        await PageCast.ActOkAsync(merchant.Browser, id, "Message", new() { ["body"] = "请尽快处理，谢谢" });
        var asInternalByMerchant = await PageCast.ActAsync(merchant.Browser, id, "Message", new() { ["body"] = "试图写内部备注", ["internal"] = "true" });

        Assert.Contains("内部备注已添加。", noted, StringComparison.Ordinal);
        Assert.Contains("<li class=\"internal\">", noted, StringComparison.Ordinal);
        Assert.Contains("内部：该商家去年有类似投诉", noted, StringComparison.Ordinal);
        foreach (var outsider in new[] { merchant.Browser, agent })
        {
            var page = await outsider.GetStringAsync($"/Disputes/{id}");
            Assert.DoesNotContain("该商家去年有类似投诉", page, StringComparison.Ordinal);
            Assert.Contains("请尽快处理，谢谢", page, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, asInternalByMerchant.StatusCode);
        Assert.DoesNotContain("试图写内部备注", await mediator.GetStringAsync($"/Disputes/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_merchant_contests_and_the_mediator_closes_the_case_through_the_pages()
    {
        var (merchant, id, mediator, agent) = await PageCast.ForwardedCaseAsync(app);
        var noOutcome = await PageCast.ActAsync(agent, id, "Respond", new() { ["message"] = "维持原判" });
        await PageCast.ActOkAsync(agent, id, "Respond", new() { ["outcome"] = "Upheld", ["message"] = "维持原判" });

        var secondAnswer = await PageCast.ActAsync(agent, id, "Respond", new() { ["outcome"] = "Reversed", ["message"] = "再次答复" });
        var contested = await PageCast.ActOkAsync(merchant.Browser, id, "Contest", new() { ["reason"] = "包裹已退回，判定不合理" });
        var closed = await PageCast.ActOkAsync(mediator, id, "Close", new() { ["reason"] = "双方无法达成一致" });

        Assert.Contains("处理结果为必填项。", await noOutcome.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, secondAnswer.StatusCode);
        Assert.Contains("案件当前状态为“平台已答复”", await secondAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("异议已提交给调解员。", contested, StringComparison.Ordinal);
        Assert.Contains("案件已结案。", closed, StringComparison.Ordinal);
        Assert.Contains("双方无法达成一致", closed, StringComparison.Ordinal);
        Assert.Contains("不建议下单", closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_the_user_may_not_see_answers_404_to_its_forms_too()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var other = await PageCast.MerchantAsync(app);
        var form = await PageCast.FormOfAsync(other.Browser, "/Disputes/New?type=RefundOnly");

        var response = await form.PostAsync(other.Browser, $"/Disputes/{id}?handler=Withdraw", new() { ["reason"] = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void AssertHandlers(string page, string[] present, string[] absent)
    {
        foreach (var handler in present)
        {
            Assert.True(page.Contains($"?handler={handler}\"", StringComparison.Ordinal), $"expected the {handler} form");
        }

        foreach (var handler in absent)
        {
            Assert.False(page.Contains($"?handler={handler}\"", StringComparison.Ordinal), $"did not expect the {handler} form");
        }
    }
}
