using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// The feed names a merchant by a masked name only with their consent (given at registration or on their account,
/// withdrawable), and otherwise by province. Each test files from its own province, so its case is found by it;
/// the page size varies each read so that no cached answer is read.
/// </summary>
public sealed class PublicNamingTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private static int _pageSize = 20;

    [Fact]
    public async Task Without_consent_the_feed_names_the_province_only_in_either_language()
    {
        var (merchant, _) = await MerchantAsync("CN-ZJ", consent: null);
        await ClaimedCaseAsync(merchant);

        Assert.Equal("浙江省商家", await FeedNameAsync("CN-ZJ"));
        Assert.Equal("A merchant in Zhejiang", await FeedNameAsync("CN-ZJ", "en"));
        Assert.False((await MeAsync(merchant)).GetProperty("publicNameConsent").GetBoolean());
    }

    [Fact]
    public async Task Consent_at_registration_shows_the_masked_name()
    {
        var (merchant, _) = await MerchantAsync("CN-SC", consent: true);
        await ClaimedCaseAsync(merchant);

        Assert.Equal("卢**", await FeedNameAsync("CN-SC"));
        Assert.True((await MeAsync(merchant)).GetProperty("publicNameConsent").GetBoolean());
    }

    [Fact]
    public async Task Consent_withdrawn_through_the_api_takes_the_name_off_the_feed_and_a_profile_change_keeps_it()
    {
        var (merchant, _) = await MerchantAsync("CN-HB", consent: true);
        await ClaimedCaseAsync(merchant);
        var kept = await merchant.PutAsync("/api/v1/me", new { displayName = "卢明", storeName = "明记二店", province = "CN-HB" });
        var named = await FeedNameAsync("CN-HB");

        var withdrawn = await merchant.PutAsync("/api/v1/me", new { displayName = "卢明", storeName = "明记二店", province = "CN-HB", publicNameConsent = false });

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal("卢**", named);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("湖北省商家", await FeedNameAsync("CN-HB"));
    }

    [Fact]
    public async Task Consent_is_given_and_withdrawn_on_the_account_page()
    {
        var (merchant, email) = await MerchantAsync("CN-HN", consent: null);
        await ClaimedCaseAsync(merchant);
        var browser = await Browser.SignedInAsync(app, email, Session.Password);
        var before = await browser.GetStringAsync("/Account/PublicName");

        var given = await PostConsentAsync(browser, true);
        var named = await FeedNameAsync("CN-HN");
        var withdrawn = await PostConsentAsync(browser, false);

        Assert.Contains("<strong id=\"public-name-shown\">湖南省商家</strong>", before, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", CheckboxOf(before), StringComparison.Ordinal);
        Assert.Contains("<strong id=\"public-name-shown\">卢**</strong>", given, StringComparison.Ordinal);
        Assert.Contains("checked", CheckboxOf(given), StringComparison.Ordinal);
        Assert.Equal("卢**", named);
        Assert.Contains("已保存：公开动态只以省份署名。", withdrawn, StringComparison.Ordinal);
        Assert.Equal("湖南省商家", await FeedNameAsync("CN-HN"));
        Assert.Contains("href=\"/Account/PublicName\"", await browser.GetStringAsync("/Account/Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registration_page_says_what_is_published_and_the_box_starts_unticked()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https });

        var page = await anonymous.GetStringAsync("/Account/Register");

        Assert.Contains("公开动态会列出每件经调解员受理的案件：平台、申诉类型、你所在的省份、提交日期和案件状态", page, StringComparison.Ordinal);
        Assert.Contains("如“广东省商家”", page, StringComparison.Ordinal);
        Assert.Contains("如“卢**”", page, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", CheckboxOf(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticking_the_box_at_registration_in_the_pages_gives_consent()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = DisputesAppFactory.Https, HandleCookies = true, AllowAutoRedirect = false,
        });
        var form = await PageCast.FormOfAsync(browser, "/Account/Register");
        var email = $"consent-{Guid.NewGuid():N}@shop.test";

        var registered = await form.PostAsync(browser, "/Account/Register", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = Session.Password, ["Input.DisplayName"] = "卢明",
            ["Input.StoreName"] = "明记服饰批发", ["Input.Province"] = "CN-GD", ["Input.PublicNameConsent"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var api = new ApiClient(app.CreateClient());
        await Session.SignInAsync(api, email, Session.Password);
        Assert.True((await MeAsync(api)).GetProperty("publicNameConsent").GetBoolean());
    }

    private async Task<(ApiClient Merchant, string Email)> MerchantAsync(string province, bool? consent)
    {
        var email = $"named-{Guid.NewGuid():N}@shop.test";
        var body = AMerchant.Registration(email);
        body["password"] = Session.Password;
        body["province"] = province;
        if (consent is not null)
        {
            body["publicNameConsent"] = consent;
        }

        var client = new ApiClient(app.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/auth/register", body)).StatusCode);
        await Session.SignInAsync(client, email, Session.Password);
        return (client, email);
    }

    private async Task ClaimedCaseAsync(ApiClient merchant)
    {
        var id = await Uploads.SubmittedCaseAsync(merchant, ADispute.RefundOnly("1688"), Interlocked.Increment(ref _pageSize) * 13);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);
    }

    private async Task<string?> FeedNameAsync(string province, string culture = "zh-CN")
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false });
        var size = Interlocked.Increment(ref _pageSize);
        var feed = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/public/feed?pageSize={size}&culture={culture}")).RootElement;
        var item = Assert.Single(feed.GetProperty("items").EnumerateArray(), i => i.GetProperty("province").GetProperty("code").GetString() == province);
        return item.GetProperty("merchant").GetString();
    }

    private static async Task<JsonElement> MeAsync(ApiClient merchant) => await ApiClient.ReadAsync(await merchant.GetAsync("/api/v1/me"));

    private static async Task<string> PostConsentAsync(HttpClient browser, bool consent)
    {
        var form = await PageCast.FormOfAsync(browser, "/Account/PublicName");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", form.Token) };
        if (consent)
        {
            fields.Add(new("Input.PublicNameConsent", "true"));
        }

        fields.Add(new("Input.PublicNameConsent", "false"));
        var posted = await browser.PostAsync("/Account/PublicName", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return await browser.GetStringAsync(posted.Headers.Location!.ToString());
    }

    private static string CheckboxOf(string page)
    {
        var start = page.IndexOf("id=\"public-name-consent\"", StringComparison.Ordinal);
        Assert.True(start > 0, "the consent checkbox");
        return page[start..page.IndexOf('>', start)];
    }
}
