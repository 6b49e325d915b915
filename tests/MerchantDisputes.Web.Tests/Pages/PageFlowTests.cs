using System.Net;
using System.Text.RegularExpressions;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>The pages with their antiforgery tokens and cookies, as a browser without script would use them.</summary>
public sealed partial class PageFlowTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_merchant_registers_files_a_frozen_funds_draft_and_withdraws_it_through_the_pages()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, AllowAutoRedirect = true, HandleCookies = true });
        var email = $"page-{Guid.NewGuid():N}@shop.test";

        var dashboard = await PostFormAsync(browser, "/Account/Register", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = "Correct-Horse-9", ["Input.DisplayName"] = "王芳",
            ["Input.StoreName"] = "芳芳小店", ["Input.Province"] = "CN-ZJ", ["Input.Gender"] = "Female",
        });
        Assert.Contains("我的申诉", dashboard, StringComparison.Ordinal);

        var form = await browser.GetStringAsync("/Disputes/New?type=FrozenFunds");
        Assert.Contains("冻结金额", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Form.OrderNumber", form, StringComparison.Ordinal);

        var details = await PostFormAsync(browser, "/Disputes/New?type=FrozenFunds", new()
        {
            ["Form.Type"] = "FrozenFunds", ["Form.Platform"] = "pipiwang", ["Form.Title"] = "货款被冻结 36500 天",
            ["Form.Amount"] = "28,650.00", ["Form.Currency"] = "CNY", ["Form.Narrative"] = "闭店一个月后货款被冻结。",
            ["Form.DesiredOutcome"] = "解冻货款", ["Form.FrozenAmount"] = "28650", ["Form.FrozenSince"] = "2024-05-06",
            ["Form.StatedFreezeDays"] = "36500",
        });
        Assert.Contains("货款被冻结 36500 天", details, StringComparison.Ordinal);
        Assert.Contains("¥28,650.00", details, StringComparison.Ordinal);
        Assert.Matches(@"MD-2026-\d{6}", details);

        var id = DetailsId().Match(details).Groups[1].Value;
        var withdrawn = await PostFormAsync(browser, $"/Disputes/{id}?handler=Withdraw", new() { ["reason"] = "已协商", ["confirmed"] = "true" }, $"/Disputes/{id}");
        Assert.Contains("已撤回", withdrawn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_form_shows_field_errors_in_place_and_keeps_what_was_typed()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = true });
        await PostFormAsync(browser, "/Account/Register", new()
        {
            ["Input.Email"] = $"form-{Guid.NewGuid():N}@shop.test", ["Input.Password"] = "Correct-Horse-9",
            ["Input.DisplayName"] = "李雷", ["Input.StoreName"] = "雷记", ["Input.Province"] = "CN-BJ",
        });

        var page = await PostFormAsync(browser, "/Disputes/New?type=RefundOnly", new()
        {
            ["Form.Type"] = "RefundOnly", ["Form.Platform"] = "1688", ["Form.Title"] = "保留的标题",
            ["Form.Amount"] = "12.345", ["Form.Narrative"] = "说明", ["Form.DesiredOutcome"] = "诉求",
        });

        Assert.Contains("涉及金额最多保留 2 位小数。", page[page.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("订单号为必填项。", page, StringComparison.Ordinal);
        Assert.Contains("value=\"保留的标题\"", page, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_is_remembered_across_pages()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = true });

        var english = await browser.GetStringAsync("/culture?culture=en&returnUrl=/Account/Login");
        var next = await browser.GetStringAsync("/Account/Register");

        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Merchant registration", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_cannot_open_another_merchants_case_page()
    {
        var owner = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(owner, ADispute.RefundOnly())).GetProperty("id").GetString();
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = true });
        await PostFormAsync(browser, "/Account/Register", new()
        {
            ["Input.Email"] = $"nosy-{Guid.NewGuid():N}@shop.test", ["Input.Password"] = "Correct-Horse-9",
            ["Input.DisplayName"] = "张三", ["Input.StoreName"] = "张记", ["Input.Province"] = "CN-SH",
        });

        var response = await browser.GetAsync($"/Disputes/{id}");
        var edit = await browser.GetAsync($"/Disputes/{id}/edit");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.DoesNotContain("包裹退回未签收", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var response = await Browser.PostFormAsync(browser, url, fields, formPage);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {url}: {body[..Math.Min(body.Length, 500)]}");
        return body;
    }

    [GeneratedRegex("action=\"/Disputes/([0-9a-f-]{36})\\?handler=Withdraw\"")]
    private static partial Regex DetailsId();
}
