using System.IO.Compression;
using System.Net;
using System.Text;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>
/// The lawyer's tools on the case page: the evidence bundle through the pages' own door, the chain check, the printable
/// summary (also in the bundle as summary.html) and the legal opinions in a section of their own.
/// </summary>
public sealed class CaseSummaryPageTests : IDisposable
{
    private const string Opinion = "平台逾期未答复，建议发律师函并保全物流凭证。";

    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_pages_bundle_door_serves_lawyers_and_mediators_and_refuses_the_merchant_and_the_agent()
    {
        var (merchant, id) = await EscalatedCaseAsync();
        var lawyer = await PageCast.StaffAsync(_app, Roles.Lawyer);
        var mediator = await PageCast.StaffAsync(_app, Roles.Mediator);
        var agent = await PageCast.StaffAsync(_app, Roles.PlatformAgent, "1688");

        var toLawyer = await lawyer.GetAsync($"/Disputes/{id}/bundle");
        var toMediator = await mediator.GetAsync($"/Disputes/{id}/bundle");
        var toMerchant = await merchant.GetAsync($"/Disputes/{id}/bundle");
        var toAgent = await agent.GetAsync($"/Disputes/{id}/bundle");
        var signedOut = await Browser.NewBrowser(_app).GetAsync($"/Disputes/{id}/bundle");

        Assert.Equal(HttpStatusCode.OK, toLawyer.StatusCode);
        Assert.Equal("application/zip", toLawyer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, toMediator.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toMerchant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/Account/Login", signedOut.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var lawyerPage = await lawyer.GetStringAsync($"/Disputes/{id}");
        var merchantPage = await merchant.GetStringAsync($"/Disputes/{id}");
        var agentPage = await agent.GetStringAsync($"/Disputes/{id}");
        Assert.Contains($"href=\"/Disputes/{id}/bundle\"", lawyerPage, StringComparison.Ordinal);
        Assert.Contains("下载证据包", lawyerPage, StringComparison.Ordinal);
        Assert.Contains("校验时间线", lawyerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/bundle", merchantPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/bundle", agentPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bundle_holds_a_self_contained_summary_with_the_case_number_the_evidence_hashes_and_the_opinions()
    {
        var (_, id) = await EscalatedCaseAsync();
        var lawyer = await Staff.SignInAsync(_app, Roles.Lawyer);
        Assert.Equal(HttpStatusCode.OK, (await lawyer.PostAsync($"/api/v1/disputes/{id}/legal-opinions", new { body = Opinion })).StatusCode);
        var dispute = await ApiClient.ReadAsync(await lawyer.GetAsync($"/api/v1/disputes/{id}"));
        var evidence = await ApiClient.ReadAsync(await lawyer.GetAsync($"/api/v1/disputes/{id}/evidence"));

        var bundle = await lawyer.GetAsync($"/api/v1/disputes/{id}/bundle");
        using var zip = new ZipArchive(new MemoryStream(await bundle.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var summary = WebUtility.HtmlDecode(await ReadAsync(zip, "summary.html"));
        var manifest = await ReadAsync(zip, "manifest.sha256");

        Assert.Contains(dispute.GetProperty("caseNumber").GetString()!, summary, StringComparison.Ordinal);
        Assert.Contains(evidence[0].GetProperty("originalSha256").GetString()!, summary, StringComparison.Ordinal);
        Assert.Contains(evidence[0].GetProperty("sanitizedSha256").GetString()!, summary, StringComparison.Ordinal);
        Assert.Contains(Opinion, summary, StringComparison.Ordinal);
        Assert.Contains("UTC+8", summary, StringComparison.Ordinal);
        Assert.Contains("<style>", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", summary, StringComparison.Ordinal);
        Assert.Contains("  summary.html", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_shows_opinions_in_their_own_section_checks_the_chain_and_links_a_printable_summary()
    {
        var (merchant, id) = await EscalatedCaseAsync();
        var lawyer = await PageCast.StaffAsync(_app, Roles.Lawyer);
        await PageCast.ActOkAsync(lawyer, id, "Opinion", new() { ["body"] = Opinion });

        var verified = await lawyer.GetStringAsync($"/Disputes/{id}?handler=Verify");
        var merchantPage = await merchant.GetStringAsync($"/Disputes/{id}");
        var summary = await merchant.GetAsync($"/Disputes/{id}/summary");
        var summaryHtml = await summary.Content.ReadAsStringAsync();
        var english = await lawyer.GetStringAsync($"/Disputes/{id}/summary?culture=en");

        Assert.Contains("时间线完整", verified, StringComparison.Ordinal);
        Assert.Contains("id=\"opinions-heading\"", merchantPage, StringComparison.Ordinal);
        Assert.Contains(Opinion, PageCast.MainOf(merchantPage)[..PageCast.MainOf(merchantPage).IndexOf("timeline-heading", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains($"href=\"/Disputes/{id}/summary\"", merchantPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Contains("'sha256-", summary.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("案件摘要", summaryHtml, StringComparison.Ordinal);
        Assert.Contains("中国标准时间", summaryHtml, StringComparison.Ordinal);
        Assert.Contains(Opinion, summaryHtml, StringComparison.Ordinal);
        Assert.Contains("Case summary", english, StringComparison.Ordinal);
        Assert.Contains("China Standard Time", english, StringComparison.Ordinal);
    }

    /// <summary>
    /// A 1688 case claimed and forwarded through the pages, then left unanswered past two deadlines; the merchant signs in
    /// afresh (ten days on, the first cookie has expired).
    /// </summary>
    private async Task<(HttpClient Merchant, string Id)> EscalatedCaseAsync()
    {
        var merchant = await PageCast.MerchantAsync(_app);
        var id = await PageCast.SubmittedCaseAsync(_app, merchant);
        var mediator = await PageCast.StaffAsync(_app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");
        await PageCast.ActOkAsync(mediator, id, "Forward");
        foreach (var step in new[] { CaseWindows.Default.PlatformResponse, CaseWindows.Default.Reminder })
        {
            _app.Clock.AdvanceTo(step);
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);
        }

        return (await Browser.SignedInAsync(_app, merchant.Email, Session.Password), id);
    }

    private static async Task<string> ReadAsync(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(path);
        Assert.NotNull(entry);
        await using var stream = entry.Open();
        return await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
    }
}
