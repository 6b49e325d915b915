using System.Net;
using System.Net.Http.Headers;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Evidence;

/// <summary>A server without poppler-utils: the configured pdftoppm does not exist.</summary>
public sealed class NoPopplerAppFactory : DisputesAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Evidence:Pdf:Pdftoppm", "/nonexistent/pdftoppm")];
}

/// <summary>Issue 21, item 7: PDF statements, a caption per file, evidence with a contest, hashes behind a toggle.</summary>
public sealed class PdfStatementTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_pdf_statement_becomes_one_sanitised_image_per_page_and_the_pdf_stays_a_restricted_original()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await DraftAsync(merchant);
        var pdf = TestPdf.Statement(pages: 3);

        var response = await Uploads.UploadAsync(merchant, id, pdf, "账单.pdf", "支付宝对账单", "application/pdf");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var items = (await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}/evidence"))).EnumerateArray().ToList();
        Assert.Equal(["支付宝对账单（第 1 页）", "支付宝对账单（第 2 页）", "支付宝对账单（第 3 页）"], items.Select(i => i.GetProperty("caption").GetString()));
        Assert.All(items, i => Assert.Equal("png", i.GetProperty("format").GetString()));
        Assert.Equal(Sha256(pdf), items[0].GetProperty("originalSha256").GetString());

        var page = await merchant.Http.GetAsync(items[1].GetProperty("contentUrl").GetString());
        Assert.Equal("image/png", page.Content.Headers.ContentType?.MediaType);
        var original = await merchant.Http.GetAsync(items[0].GetProperty("originalUrl").GetString());
        Assert.Equal("application/octet-stream", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", original.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(pdf, await original.Content.ReadAsByteArrayAsync());

        // The same PDF again is the same evidence, known by its hash.
        Assert.Equal(HttpStatusCode.OK, (await Uploads.UploadAsync(merchant, id, pdf, "again.pdf", null, "application/pdf")).StatusCode);
    }

    [Fact]
    public async Task A_pdf_with_active_content_comes_out_as_pixels_only()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await DraftAsync(merchant);
        var pdf = TestPdf.Statement(pages: 1, "/OpenAction << /S /JavaScript /JS (app.alert('x')) >>");

        await Uploads.UploadOkAsync(merchant, id, pdf);
        var item = (await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}/evidence")))[0];
        var content = await (await merchant.Http.GetAsync(item.GetProperty("contentUrl").GetString())).Content.ReadAsByteArrayAsync();

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], content[..4]);
        Assert.DoesNotContain("JavaScript", System.Text.Encoding.Latin1.GetString(content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_with_more_pages_than_allowed_is_refused_and_nothing_is_stored()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await DraftAsync(merchant);
        var before = await app.StoredEvidenceAsync();

        var response = await Uploads.UploadAsync(merchant, id, TestPdf.Statement(pages: 11), "long.pdf", null, "application/pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("页数超过上限", (await ApiClient.ReadAsync(response)).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.StoredEvidenceAsync());
    }

    [Fact]
    public async Task The_page_form_gives_each_file_its_own_caption_and_turns_a_pdf_into_page_images()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await DraftAsync(merchant.Api);

        await PageUploads.PostOkAsync(merchant.Browser, id,
            (Uploads.Screenshot(301), "退款.png", "退款记录"),
            (Uploads.Screenshot(302), "物流.png", "物流轨迹"),
            (TestPdf.Statement(pages: 2), "账单.pdf", "对账单"));

        var captions = (await ApiClient.ReadAsync(await merchant.Api.GetAsync($"/api/v1/disputes/{id}/evidence"))).EnumerateArray()
            .Select(i => i.GetProperty("caption").GetString()).ToList();
        Assert.Equal(["对账单（第 1 页）", "对账单（第 2 页）", "物流轨迹", "退款记录"], captions.Order(StringComparer.Ordinal));
        var casePage = await merchant.Browser.GetStringAsync($"/Disputes/{id}");
        Assert.Contains("对账单（第 2 页）", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"evidence-caption\"", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_contests_an_answer_with_new_evidence_on_the_page()
    {
        var (merchant, id, _, agent) = await PageCast.ForwardedCaseAsync(app);
        await PageCast.ActOkAsync(agent, id, "Respond", new() { ["outcome"] = "Upheld", ["message"] = "维持原判定。" });
        var casePage = await merchant.Browser.GetStringAsync($"/Disputes/{id}");
        Assert.Contains($"action=\"/Disputes/{id}/evidence?handler=Contest\"", casePage, StringComparison.Ordinal);

        using var form = new MultipartFormDataContent
        {
            { new StringContent(Browser.AntiforgeryToken(casePage)), "__RequestVerificationToken" },
            { new StringContent("包裹签收记录证明买家未收到货。"), "reason" },
            { Png(Uploads.Screenshot(401)), "uploads[0].File", "签收.png" },
            { new StringContent("快递签收底单"), "uploads[0].Caption" },
        };
        var response = await merchant.Browser.PostAsync($"/Disputes/{id}/evidence?handler=Contest", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dispute = await ApiClient.ReadAsync(await merchant.Api.GetAsync($"/api/v1/disputes/{id}"));
        Assert.Equal("UnderReview", dispute.GetProperty("status").GetString());
        var captions = (await ApiClient.ReadAsync(await merchant.Api.GetAsync($"/api/v1/disputes/{id}/evidence"))).EnumerateArray()
            .Select(i => i.GetProperty("caption").GetString());
        Assert.Contains("快递签收底单", captions);
    }

    [Fact]
    public async Task Over_the_api_evidence_is_added_to_an_answered_case_and_then_the_answer_contested()
    {
        var (merchant, id, _, agent) = await PageCast.ForwardedCaseAsync(app);
        await PageCast.ActOkAsync(agent, id, "Respond", new() { ["outcome"] = "Upheld", ["message"] = "维持原判定。" });

        await Uploads.UploadOkAsync(merchant.Api, id, TestPdf.Statement(pages: 1), "银行流水");
        var contested = await merchant.Api.PostAsync($"/api/v1/disputes/{id}/contest", new { reason = "银行流水显示货款未退。" });

        Assert.Equal(HttpStatusCode.OK, contested.StatusCode);
        // Once contested the case is under review again, and its evidence is closed.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Uploads.UploadAsync(merchant.Api, id, Uploads.Screenshot(501))).StatusCode);
    }

    [Fact]
    public async Task Staff_see_each_file_s_sha256_and_merchants_find_it_behind_details()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var hash = (await ApiClient.ReadAsync(await merchant.Api.GetAsync($"/api/v1/disputes/{id}/evidence")))[0].GetProperty("originalSha256").GetString()!;
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);

        var merchantPage = PageCast.MainOf(await merchant.Browser.GetStringAsync($"/Disputes/{id}"));
        var mediatorPage = PageCast.MainOf(await mediator.GetStringAsync($"/Disputes/{id}"));

        Assert.Matches($"<details class=\"hash-details\">\\s*<summary>详细信息</summary>\\s*<div class=\"hash\" title=\"SHA-256\">SHA-256 {hash}</div>", merchantPage);
        Assert.Contains($"SHA-256 {hash}", mediatorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("hash-details", mediatorPage, StringComparison.Ordinal);
    }

    private static ByteArrayContent Png(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static async Task<string> DraftAsync(ApiClient merchant) =>
        (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
}

/// <summary>Without pdftoppm the app runs, refuses PDFs with a clear message and says PDF is off.</summary>
public sealed class NoPopplerTests(NoPopplerAppFactory app) : IClassFixture<NoPopplerAppFactory>
{
    [Fact]
    public async Task A_pdf_is_refused_clearly_screenshots_still_work_and_ready_says_degraded()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;

        var refused = await Uploads.UploadAsync(merchant, id, TestPdf.Statement(pages: 1), "账单.pdf", null, "application/pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("无法读取 PDF", (await ApiClient.ReadAsync(refused)).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await Uploads.UploadOkAsync(merchant, id, Uploads.Screenshot(601));

        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var health = await ApiClient.ReadAsync(ready);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("pdf").GetString());

        var admin = await PageCast.StaffAsync(app, Roles.Admin);
        Assert.Contains("PDF 对账单：已关闭", await admin.GetStringAsync("/Admin"), StringComparison.Ordinal);
    }
}
