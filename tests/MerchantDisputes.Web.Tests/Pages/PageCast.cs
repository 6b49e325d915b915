using System.Net;
using System.Text.RegularExpressions;
using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>A merchant with both an API client (to file) and a cookie browser (to use the pages).</summary>
public sealed record PageMerchant(Guid Id, string Email, ApiClient Api, HttpClient Browser);

/// <summary>
/// The people of the page tests and the cases they work on. Staff are created as the admin tooling does
/// (AccountSeeding) and then sign in through the sign-in page with a cookie, as a person does.
/// </summary>
public static partial class PageCast
{
    public const string StaffPassword = "Staff-Passw0rd-7";

    public static async Task<PageMerchant> MerchantAsync(DisputesAppFactory app)
    {
        var email = $"pm-{Guid.NewGuid():N}@shop.test";
        var api = await Session.NewMerchantAsync(app, email);
        var me = await ApiClient.ReadAsync(await api.GetAsync("/api/v1/me"));
        var browser = await Browser.SignedInAsync(app, email, Session.Password);
        return new PageMerchant(me.GetProperty("id").GetGuid(), email, api, browser);
    }

    /// <returns>The new staff member's email.</returns>
    public static async Task<string> CreateStaffAsync(DisputesAppFactory app, string role, string? platformSlug = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"{role.ToLowerInvariant()}-{platformSlug ?? "channel"}-{Guid.NewGuid():N}@staff.test";
        await Staff.CreateAsync(app, email, role, platformSlug, StaffPassword, role + " 测试");
        return email;
    }

    public static async Task<HttpClient> StaffAsync(DisputesAppFactory app, string role, string? platformSlug = null) =>
        await Browser.SignedInAsync(app, await CreateStaffAsync(app, role, platformSlug), StaffPassword);

    /// <summary>A case filed and submitted through the API, waiting for a mediator.</summary>
    public static async Task<string> SubmittedCaseAsync(DisputesAppFactory app, PageMerchant merchant, string platform = "1688")
    {
        ArgumentNullException.ThrowIfNull(merchant);
        var id = (await Session.CreateAsync(merchant.Api, ADispute.RefundOnly(platform))).GetProperty("id").GetString()!;
        await Workflow.Support.Arrange.EvidenceAsync(merchant.Api, Guid.Parse(id));
        var submitted = await merchant.Api.PostAsync($"/api/v1/disputes/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return id;
    }

    /// <summary>A 1688 case a mediator has claimed and forwarded through the pages, with the people on it.</summary>
    public static async Task<(PageMerchant Merchant, string Id, HttpClient Mediator, HttpClient Agent)> ForwardedCaseAsync(DisputesAppFactory app)
    {
        var merchant = await MerchantAsync(app);
        var id = await SubmittedCaseAsync(app, merchant);
        var mediator = await StaffAsync(app, Roles.Mediator);
        var agent = await StaffAsync(app, Roles.PlatformAgent, "1688");
        await ActOkAsync(mediator, id, "Claim");
        await ActOkAsync(mediator, id, "Forward");
        return (merchant, id, mediator, agent);
    }

    /// <summary>
    /// Posts one action form of the case page, with the antiforgery token and version the page carries now, already
    /// confirmed (the confirmation step itself is ConfirmationPageTests'); pass <c>confirmed=false</c> to be asked.
    /// </summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient browser, string id, string handler, Dictionary<string, string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var form = await FormOfAsync(browser, $"/Disputes/{id}");
        var all = new Dictionary<string, string>(fields ?? []);
        all.TryAdd("confirmed", "true");
        return await form.PostAsync(browser, $"/Disputes/{id}?handler={handler}", all);
    }

    /// <summary>Posts an action and follows the redirect back to the case page, which carries the notice.</summary>
    public static async Task<string> ActOkAsync(HttpClient browser, string id, string handler, Dictionary<string, string>? fields = null)
    {
        var response = await ActAsync(browser, id, handler, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {MainOf(body)}");
        return await browser!.GetStringAsync(response.Headers.Location!.ToString());
    }

    /// <summary>A page as loaded now: its token and case version, to be posted later (perhaps after someone else acted).</summary>
    public static async Task<LoadedForm> FormOfAsync(HttpClient browser, string url)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.GetStringAsync(url);
        var version = Version().Match(page);
        return new LoadedForm(Browser.AntiforgeryToken(page), version.Success ? version.Groups[1].Value : null, page);
    }

    /// <summary>The page's own content, without layout and navigation.</summary>
    public static string MainOf(string page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var start = page.IndexOf("<main", StringComparison.Ordinal);
        var end = page.IndexOf("</main>", StringComparison.Ordinal);
        return start < 0 || end < start ? page : page[start..end];
    }

    public sealed record LoadedForm(string Token, string? Version, string Page)
    {
        public async Task<HttpResponseMessage> PostAsync(HttpClient browser, string url, Dictionary<string, string>? fields = null)
        {
            ArgumentNullException.ThrowIfNull(browser);
            var all = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = Token };
            if (Version is not null)
            {
                all.TryAdd("version", Version);
            }

            return await browser.PostAsync(url, new FormUrlEncodedContent(all));
        }
    }

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex Version();
}
