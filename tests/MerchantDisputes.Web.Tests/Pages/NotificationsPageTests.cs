using System.Net;
using System.Text.RegularExpressions;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

public sealed partial class NotificationsPageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task The_merchant_sees_the_notices_with_an_unread_count_and_marks_them_read()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");
        await PageCast.ActOkAsync(mediator, id, "Forward");

        var page = await merchant.Browser.GetStringAsync("/Notifications");
        Assert.Equal("2", Badge().Match(page).Groups[1].Value);
        Assert.Contains("调解员受理", PageCast.MainOf(page), StringComparison.Ordinal);
        Assert.Contains("转交平台", PageCast.MainOf(page), StringComparison.Ordinal);
        Assert.Contains("最近 2 条中有 2 条未读", page, StringComparison.Ordinal);

        var form = await PageCast.FormOfAsync(merchant.Browser, "/Notifications");
        var first = NoticeId().Match(form.Page).Groups[1].Value;
        var read = await form.PostAsync(merchant.Browser, $"/Notifications?id={first}&handler=Read");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        var afterOne = await merchant.Browser.GetStringAsync("/Notifications");
        Assert.Equal("1", Badge().Match(afterOne).Groups[1].Value);
        Assert.Contains("已标为已读。", afterOne, StringComparison.Ordinal);

        var all = await PageCast.FormOfAsync(merchant.Browser, "/Notifications");
        Assert.Equal(HttpStatusCode.Redirect, (await all.PostAsync(merchant.Browser, "/Notifications?handler=ReadAll")).StatusCode);
        var afterAll = await merchant.Browser.GetStringAsync("/Notifications");
        Assert.DoesNotMatch(Badge(), afterAll);
        Assert.Contains("全部通知已标为已读。", afterAll, StringComparison.Ordinal);
        Assert.Contains("最近 2 条中有 0 条未读", afterAll, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_notice_marks_it_read_and_goes_to_its_case()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");
        var form = await PageCast.FormOfAsync(merchant.Browser, "/Notifications");
        var notice = NoticeId().Match(form.Page).Groups[1].Value;

        var opened = await form.PostAsync(merchant.Browser, $"/Notifications?id={notice}&handler=Read", new() { ["next"] = $"/Disputes/{id}" });

        Assert.Equal($"/Disputes/{id}", opened.Headers.Location?.ToString());
        Assert.DoesNotMatch(Badge(), await merchant.Browser.GetStringAsync($"/Disputes/{id}"));
    }

    [Fact]
    public async Task The_list_shows_each_cases_title_and_the_platforms_answer_with_a_plain_link_to_the_case()
    {
        var (merchant, id, _, agent) = await PageCast.ForwardedCaseAsync(app);
        await PageCast.ActOkAsync(agent, id, "Respond", new() { ["outcome"] = "PartiallyReversed", ["message"] = "退还一半货款" });

        var page = PageCast.MainOf(await merchant.Browser.GetStringAsync("/Notifications"));

        Assert.Contains("<div class=\"notice-title\">包裹退回未签收仍被判仅退款</div>", page, StringComparison.Ordinal);
        Assert.Contains("平台答复：部分撤销", page, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"button quiet\" href=\"/Disputes/{id}\">查看案件</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"next\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_case_page_marks_that_cases_notices_read_and_no_others()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var first = await PageCast.SubmittedCaseAsync(app, merchant);
        var second = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, first, "Claim");
        await PageCast.ActOkAsync(mediator, first, "Forward");
        await PageCast.ActOkAsync(mediator, second, "Claim");
        Assert.Equal("3", Badge().Match(await merchant.Browser.GetStringAsync("/Notifications")).Groups[1].Value);

        await merchant.Browser.GetStringAsync($"/Disputes/{first}");

        var after = await merchant.Browser.GetStringAsync("/Notifications");
        Assert.Equal("1", Badge().Match(after).Groups[1].Value);
        Assert.Contains("最近 3 条中有 1 条未读", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_marks_another_users_notice_read()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        await PageCast.ActOkAsync(await PageCast.StaffAsync(app, Roles.Mediator), id, "Claim");
        var notice = NoticeId().Match(await merchant.Browser.GetStringAsync("/Notifications")).Groups[1].Value;
        var other = await PageCast.MerchantAsync(app);
        var form = await PageCast.FormOfAsync(other.Browser, "/Disputes/New?type=RefundOnly");

        var response = await form.PostAsync(other.Browser, $"/Notifications?id={notice}&handler=Read");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("1", Badge().Match(await merchant.Browser.GetStringAsync("/Notifications")).Groups[1].Value);
    }

    [GeneratedRegex("class=\"nav-notices\">[^<]*<span class=\"count\" aria-hidden=\"true\">(\\d+)</span>")]
    private static partial Regex Badge();

    [GeneratedRegex("action=\"/Notifications\\?id=([0-9a-f-]{36})&amp;handler=Read\"")]
    private static partial Regex NoticeId();
}
