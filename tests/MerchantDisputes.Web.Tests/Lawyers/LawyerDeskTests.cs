using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Lawyers;

/// <summary>A case the platform leaves unanswered reaches the lawyers, who read it, give an opinion and take a bundle.</summary>
public sealed class LawyerDeskTests : IDisposable
{
    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_lawyer_reads_an_escalated_case_writes_an_opinion_the_platform_never_sees_and_takes_a_verifiable_bundle()
    {
        var (merchantEmail, id) = await EscalatedCaseAsync();
        var lawyer = await Staff.SignInAsync(_app, Roles.Lawyer);
        var agent = await Staff.SignInAsync(_app, Roles.PlatformAgent, "1688");
        var merchant = new ApiClient(_app.CreateClient());
        await Session.SignInAsync(merchant, merchantEmail, Session.Password);

        var queue = await ApiClient.ReadAsync(await lawyer.GetAsync("/api/v1/disputes"));
        var evidence = await ApiClient.ReadAsync(await lawyer.GetAsync($"/api/v1/disputes/{id}/evidence"));
        var original = await lawyer.GetAsync(evidence[0].GetProperty("originalUrl").GetString()!);
        var opinion = await lawyer.PostAsync($"/api/v1/disputes/{id}/legal-opinions", new { body = "平台未答复且冻结无申诉入口，建议发律师函。" });

        Assert.Equal(id, Assert.Single(queue.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(HttpStatusCode.OK, opinion.StatusCode);
        Assert.Contains("建议发律师函", await (await merchant.GetAsync($"/api/v1/disputes/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("建议发律师函", await (await agent.GetAsync($"/api/v1/disputes/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var bundle = await lawyer.GetAsync($"/api/v1/disputes/{id}/bundle");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("application/zip", bundle.Content.Headers.ContentType?.MediaType);
        await AssertManifestMatchesAsync(await bundle.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync($"/api/v1/disputes/{id}/bundle")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"/api/v1/disputes/{id}/legal-opinions", new { body = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_lawyer_does_not_see_a_case_before_legal_review()
    {
        var merchant = await Session.NewMerchantAsync(_app);
        var id = await Uploads.SubmittedCaseAsync(merchant);
        var lawyer = await Staff.SignInAsync(_app, Roles.Lawyer);

        Assert.Equal(HttpStatusCode.NotFound, (await lawyer.GetAsync($"/api/v1/disputes/{id}")).StatusCode);
        Assert.Equal(0, (await ApiClient.ReadAsync(await lawyer.GetAsync("/api/v1/disputes"))).GetProperty("total").GetInt32());
    }

    /// <summary>Files, submits and forwards a 1688 case, then lets the sweep take it through two lapses.</summary>
    private async Task<(string MerchantEmail, string Id)> EscalatedCaseAsync()
    {
        var email = $"lawyer-case-{Guid.NewGuid():N}@shop.test";
        var merchant = await Session.NewMerchantAsync(_app, email);
        var id = await Uploads.SubmittedCaseAsync(merchant, ADispute.RefundOnly("1688"), seed: 7001);
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/forward", new { })).StatusCode);

        var sweep = _app.Services.GetRequiredService<DeadlineSweep>();
        _app.Clock.AdvanceTo(CaseWindows.Default.PlatformResponse);
        await sweep.RunAsync(CancellationToken.None);
        _app.Clock.AdvanceTo(CaseWindows.Default.Reminder);
        await sweep.RunAsync(CancellationToken.None);
        return (email, id);
    }

    /// <summary>Every line of manifest.sha256 names a file in the ZIP whose SHA-256 it states, and nothing is left out.</summary>
    private static async Task AssertManifestMatchesAsync(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            await using var stream = entry.Open();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            files[entry.FullName] = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        }

        using var manifestStream = zip.GetEntry("manifest.sha256")!.Open();
        var lines = (await new StreamReader(manifestStream, Encoding.UTF8).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var listed = lines.Select(l => (Hash: l[..64], Path: l[66..])).ToList();
        Assert.All(listed, l => Assert.Equal(files[l.Path], l.Hash));
        Assert.Contains(listed, l => l.Path.EndsWith("/original.png", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.Path == "timeline.json");
        Assert.Equal(files.Keys.Where(k => k is not "manifest.sha256" and not "README.txt").Order(), listed.Select(l => l.Path).Order());
    }
}
