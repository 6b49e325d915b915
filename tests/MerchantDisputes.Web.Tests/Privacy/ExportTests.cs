using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Privacy;

public sealed class ExportTests : IDisposable
{
    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_export_holds_every_part_of_the_merchants_data_and_nothing_of_another_merchant()
    {
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);
        var mine = await PrivacyCast.WithClaimedCaseAsync(_app, mediator, 9101, "我的留言：包裹已退回");
        var theirs = await PrivacyCast.WithClaimedCaseAsync(_app, mediator, 9102, "别人的留言：不应出现");
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{mine.CaseId}/messages", new { body = "内部备注：不给商家看", @internal = true })).StatusCode);

        var files = await PrivacyCast.ReadZipAsync(await mine.Client.GetAsync("/api/v1/me/export"));

        var folder = $"cases/{mine.CaseNumber}";
        Assert.Contains(mine.Email, PrivacyCast.Text(files, "profile.json"), StringComparison.Ordinal);
        Assert.Contains("明记服饰批发", PrivacyCast.Text(files, "profile.json"), StringComparison.Ordinal);
        Assert.Contains("Succeeded", PrivacyCast.Text(files, "sign-ins.json"), StringComparison.Ordinal);
        Assert.Contains("Claim", PrivacyCast.Text(files, "notifications.json"), StringComparison.Ordinal);
        Assert.Contains("Submit", PrivacyCast.Text(files, $"{folder}/case.json"), StringComparison.Ordinal);
        Assert.Contains("我的留言：包裹已退回", PrivacyCast.Text(files, $"{folder}/messages.json"), StringComparison.Ordinal);
        var original = Assert.Single(files, f => f.Key.StartsWith($"{folder}/evidence/", StringComparison.Ordinal) && f.Key.Contains("/original.", StringComparison.Ordinal));
        Assert.Equal(mine.Screenshot, original.Value);
        Assert.Single(files, f => f.Key.StartsWith($"{folder}/evidence/", StringComparison.Ordinal) && f.Key.Contains("/sanitized.", StringComparison.Ordinal));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(mine.Screenshot)), PrivacyCast.Text(files, $"{folder}/evidence.json"), StringComparison.Ordinal);
        Assert.Contains("我的数据", PrivacyCast.Text(files, "README.txt"), StringComparison.Ordinal);
        Assert.Contains("My data", PrivacyCast.Text(files, "README.txt"), StringComparison.Ordinal);

        // The manifest names every other file with its true hash.
        using var manifest = JsonDocument.Parse(files["manifest.json"]);
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("sha256").GetString()!);
        Assert.Equal(files.Keys.Where(k => k is not "manifest.json" and not "README.txt").Order(), listed.Keys.Order());
        Assert.All(listed, f => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files[f.Key])), f.Value));

        // Nothing of the other merchant, nothing internal.
        var text = PrivacyCast.AllText(files);
        Assert.DoesNotContain(theirs.Email, text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.CaseNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain("别人的留言", text, StringComparison.Ordinal);
        Assert.DoesNotContain("内部备注", text, StringComparison.Ordinal);
        Assert.DoesNotContain(files.Values, v => v.AsSpan().SequenceEqual(theirs.Screenshot));
    }

    [Fact]
    public async Task The_security_page_exports_the_same_zip_with_a_form()
    {
        var email = $"m-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(_app, email);
        var browser = await Browser.SignedInAsync(_app, email, Session.Password);

        var security = await browser.GetStringAsync("/Account/Security");
        var files = await PrivacyCast.ReadZipAsync(await Browser.PostFormAsync(browser, "/Account/Export", [], formPage: "/Account/Security"));

        Assert.Contains("导出我的数据", security, StringComparison.Ordinal);
        Assert.Contains(email, PrivacyCast.Text(files, "profile.json"), StringComparison.Ordinal);
        Assert.Contains("manifest.json", files.Keys);
    }

    [Fact]
    public async Task Exports_are_limited_to_a_few_an_hour_whatever_the_door()
    {
        var email = $"m-{Guid.NewGuid():N}@shop.test";
        var merchant = await Session.NewMerchantAsync(_app, email);
        var browser = await Browser.SignedInAsync(_app, email, Session.Password);

        var api = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            api.Add((await merchant.GetAsync("/api/v1/me/export")).StatusCode);
        }

        var page = await Browser.PostFormAsync(browser, "/Account/Export", []);
        var over = await merchant.GetAsync("/api/v1/me/export");
        var overPage = await Browser.PostFormAsync(browser, "/Account/Export", []);

        Assert.All(api, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.NotNull(over.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, overPage.StatusCode);
    }

    [Fact]
    public async Task Nobody_signed_in_exports_nothing()
    {
        var anonymous = _app.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/me/export");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
