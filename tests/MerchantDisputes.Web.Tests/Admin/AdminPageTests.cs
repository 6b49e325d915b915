using System.Net;
using System.Text.RegularExpressions;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.Admin;

/// <summary>The admin pages, used as a person without script uses them.</summary>
public sealed partial class AdminPageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task An_admin_creates_a_mediator_who_can_then_sign_in_and_work_the_queue()
    {
        var admin = await PageCast.StaffAsync(app, Roles.Admin);
        var email = $"new-mediator-{Guid.NewGuid():N}@staff.test";

        var created = await PostAsync(admin, "/Admin/Users/New", new()
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "新调解员", ["Input.Role"] = Roles.Mediator, ["Input.Password"] = "Handed-Over-2026",
        });
        var mediator = await Browser.SignedInAsync(app, email, "Handed-Over-2026");

        Assert.Contains($"已创建 {email}，角色为调解员。", created, StringComparison.Ordinal);
        Assert.DoesNotContain("Handed-Over-2026", created, StringComparison.Ordinal);
        Assert.Contains("调解队列", await mediator.GetStringAsync("/Disputes"), StringComparison.Ordinal);
        var list = await admin.GetStringAsync($"/Admin/Users?email={Uri.EscapeDataString(email[..20])}");
        Assert.Contains(email, list, StringComparison.Ordinal);
        Assert.Contains("调解员", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_password_is_shown_once_and_the_new_agent_is_bound_to_their_platform()
    {
        var admin = await PageCast.StaffAsync(app, Roles.Admin);
        var email = $"new-agent-{Guid.NewGuid():N}@staff.test";

        var created = await PostAsync(admin, "/Admin/Users/New", new()
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "速卖通专员", ["Input.Role"] = Roles.PlatformAgent, ["Input.Platform"] = "aliexpress", ["Input.Password"] = "",
        });
        var password = Secret().Match(created).Groups[1].Value;
        var agent = await Browser.SignedInAsync(app, email, password);
        var userPage = await admin.GetStringAsync(UserLink().Match(created).Groups[1].Value);

        Assert.Matches("^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$", password);
        Assert.Contains("平台收件箱", await agent.GetStringAsync("/Disputes"), StringComparison.Ordinal);
        Assert.Contains("aliexpress", userPage, StringComparison.Ordinal);
        Assert.DoesNotContain(password, userPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_agent_without_a_platform_is_refused_in_place()
    {
        var admin = await PageCast.StaffAsync(app, Roles.Admin);

        var page = await PostAsync(admin, "/Admin/Users/New", new()
        {
            ["Input.Email"] = "not-an-email", ["Input.DisplayName"] = "", ["Input.Role"] = Roles.PlatformAgent,
        });

        Assert.Contains("平台专员必须绑定一个平台。", page, StringComparison.Ordinal);
        Assert.Contains("姓名为必填项。", page, StringComparison.Ordinal);
        Assert.Contains("id=\"err-email\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"not-an-email\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_changes_a_role_and_locks_and_unlocks_a_user()
    {
        var admin = await PageCast.StaffAsync(app, Roles.Admin);
        var email = await PageCast.CreateStaffAsync(app, Roles.Mediator);
        var list = await admin.GetStringAsync($"/Admin/Users?email={Uri.EscapeDataString(email)}");
        var userUrl = UserLink().Match(list).Groups[1].Value;

        var changed = await PostAsync(admin, userUrl + "?handler=Role", new() { ["role"] = Roles.Lawyer, ["platform"] = "" }, userUrl);
        Assert.Contains("角色已更改。", changed, StringComparison.Ordinal);
        Assert.Contains("律师", changed, StringComparison.Ordinal);
        Assert.Contains("升级案件", await (await Browser.SignedInAsync(app, email, PageCast.StaffPassword)).GetStringAsync("/Disputes"), StringComparison.Ordinal);

        var locked = await PostAsync(admin, userUrl + "?handler=Lock", [], userUrl);
        Assert.Contains("用户已锁定。", locked, StringComparison.Ordinal);
        var refused = await Browser.PostFormAsync(NewBrowser(), "/Account/Login", new() { ["Email"] = email, ["Password"] = PageCast.StaffPassword });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var unlocked = await PostAsync(admin, userUrl + "?handler=Unlock", [], userUrl);
        Assert.Contains("用户已解除锁定。", unlocked, StringComparison.Ordinal);
        await Browser.SignedInAsync(app, email, PageCast.StaffPassword);
    }

    [Fact]
    public async Task An_admin_adds_a_platform_that_then_appears_in_the_new_dispute_form_until_it_is_deactivated()
    {
        var admin = await PageCast.StaffAsync(app, Roles.Admin);
        var merchant = await PageCast.MerchantAsync(app);

        var added = await PostAsync(admin, "/Admin/Platforms", new() { ["Input.Slug"] = "weidian", ["Input.NameZh"] = "微店", ["Input.NameEn"] = "Weidian" });
        var form = await merchant.Browser.GetStringAsync("/Disputes/New?type=RefundOnly");
        var refused = await PostAsync(admin, "/Admin/Platforms", new() { ["Input.Slug"] = "Wei Dian", ["Input.NameZh"] = "微店", ["Input.NameEn"] = "" });
        var duplicate = await PostAsync(admin, "/Admin/Platforms", new() { ["Input.Slug"] = "weidian", ["Input.NameZh"] = "微店", ["Input.NameEn"] = "Weidian" });
        var deactivated = await PostAsync(admin, "/Admin/Platforms?slug=weidian&handler=Deactivate", [], "/Admin/Platforms");
        var after = await merchant.Browser.GetStringAsync("/Disputes/New?type=RefundOnly");

        Assert.Contains("平台已添加。", added, StringComparison.Ordinal);
        Assert.Contains("<option value=\"weidian\">微店</option>", form, StringComparison.Ordinal);
        Assert.Contains("平台代码只能包含小写字母", refused, StringComparison.Ordinal);
        Assert.Contains("英文名称为必填项。", refused, StringComparison.Ordinal);
        Assert.Contains("已有平台使用该代码。", duplicate, StringComparison.Ordinal);
        Assert.Contains("平台已停用", deactivated, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"weidian\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_renames_a_platform_and_sees_the_job_dashboard_link()
    {
        var admin = await PageCast.StaffAsync(app, Roles.Admin);
        await PostAsync(admin, "/Admin/Platforms", new() { ["Input.Slug"] = "youzan", ["Input.NameZh"] = "有赞", ["Input.NameEn"] = "Youzan" });

        var saved = await PostAsync(admin, "/Admin/Platforms/youzan", new() { ["nameZh"] = "有赞商城", ["nameEn"] = "Youzan Mall", ["isActive"] = "true" });

        Assert.Contains("平台已保存。", saved, StringComparison.Ordinal);
        Assert.Contains("有赞商城", saved, StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire\"", await admin.GetStringAsync("/Admin"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Merchant)]
    [InlineData(Roles.Mediator)]
    [InlineData(Roles.PlatformAgent)]
    public async Task Nobody_but_an_admin_opens_the_admin_pages(string role)
    {
        var (email, password) = role == Roles.Merchant
            ? ((await PageCast.MerchantAsync(app)).Email, Session.Password)
            : (await PageCast.CreateStaffAsync(app, role, role == Roles.PlatformAgent ? "1688" : null), PageCast.StaffPassword);
        var browser = await Browser.SignedInAsync(app, email, password);

        foreach (var url in new[] { "/Admin", "/Admin/Users", "/Admin/Users/New", "/Admin/Platforms" })
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(response.Headers.Location)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/admin/users")).StatusCode);
        Assert.DoesNotContain("href=\"/Admin\"", await browser.GetStringAsync("/Disputes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var response = await NewBrowser().GetAsync("/Admin/Users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private HttpClient NewBrowser() => Browser.NewBrowser(app);

    /// <summary>Posts a form and reads where it leads: the redirect target, or the page itself when it answers directly.</summary>
    private static async Task<string> PostAsync(HttpClient browser, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var response = await Browser.PostFormAsync(browser, url, fields, formPage);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} from {url}: {PageCast.MainOf(body)}");
        return response.StatusCode == HttpStatusCode.Redirect ? await browser.GetStringAsync(response.Headers.Location!.ToString()) : body;
    }

    [GeneratedRegex("<code class=\"secret\">([^<]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("href=\"(/Admin/Users/[0-9a-f-]{36})\"")]
    private static partial Regex UserLink();
}
