using System.Net;
using Azure.Storage.Blobs;
using Hangfire.Storage;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Infrastructure.Notifications;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Features.Jobs;
using MerchantDisputes.Web.Tests.Evidence;
using MerchantDisputes.Web.Tests.Jobs;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Privacy;

/// <summary>The retention job against a real Azurite, run as the other job tests run theirs: the class, called directly.</summary>
[Collection(SharedAzurite.Name)]
public sealed class RetentionTests : IDisposable
{
    private static readonly string[] Containers = ["evidence", "evidence-thumbnails", "evidence-originals"];
    private readonly AzuriteFixture _azurite;
    private readonly AzureEvidenceAppFactory _app;

    public RetentionTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _app = new AzureEvidenceAppFactory(azurite.ConnectionString);
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Evidence_files_of_cases_ended_more_than_three_years_ago_are_purged_and_their_hashes_kept()
    {
        var merchant = await Session.NewMerchantAsync(_app);
        var ended = await Uploads.SubmittedCaseAsync(merchant, seed: 9301);
        var open = await Uploads.SubmittedCaseAsync(merchant, seed: 9302);
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"/api/v1/disputes/{ended}/withdraw", new { reason = "已协商解决" })).StatusCode);
        var endedItem = await ItemOfAsync(ended);
        var openItem = await ItemOfAsync(open);
        var job = _app.Services.GetRequiredService<RetentionJob>();
        var endedAt = _app.Clock.GetUtcNow();

        _app.Clock.SetUtcNow(endedAt + TimeSpan.FromDays(3 * 365));
        var early = await job.RunAsync(CancellationToken.None);
        Assert.Equal(0, early.EvidencePurged);
        Assert.True(await AllFilesExistAsync(endedItem.BlobName), "purged before three years had passed");

        _app.Clock.SetUtcNow(endedAt + TimeSpan.FromDays(1097));
        var late = await job.RunAsync(CancellationToken.None);

        Assert.Equal(1, late.EvidencePurged);
        Assert.True(await NoFileExistsAsync(endedItem.BlobName), "a file of the ended case is still stored");
        Assert.True(await AllFilesExistAsync(openItem.BlobName), "a file of the open case was purged");
        var kept = await _app.WithDbAsync(db => db.Evidence.AsNoTracking().SingleAsync(e => e.Id == endedItem.Id));
        Assert.Equal(endedItem.OriginalSha256, kept.OriginalSha256);
        Assert.Equal(endedItem.SanitizedSha256, kept.SanitizedSha256);
        Assert.Equal(_app.Clock.GetUtcNow(), kept.PurgedAt);
        Assert.Null((await ItemOfAsync(open)).PurgedAt);
        var timeline = await _app.WithDbAsync(db => db.TimelineEntries.AsNoTracking().Where(e => e.DisputeId == Guid.Parse(ended)).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Null(TimelineVerifier.FirstBroken(timeline));
        Assert.Contains(timeline, e => e.DataJson.Contains(endedItem.OriginalSha256, StringComparison.Ordinal));

        // A second run finds nothing left to do.
        Assert.Equal(0, (await job.RunAsync(CancellationToken.None)).EvidencePurged);
    }

    [Fact]
    public async Task Purged_evidence_says_so_in_the_api_the_pages_the_bundle_and_the_export()
    {
        var email = $"m-{Guid.NewGuid():N}@shop.test";
        var merchant = await Session.NewMerchantAsync(_app, email);
        var id = await Uploads.SubmittedCaseAsync(merchant, seed: 9311);
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"/api/v1/disputes/{id}/withdraw", new { reason = "已协商解决" })).StatusCode);
        var item = await ItemOfAsync(id);
        _app.Clock.Advance(TimeSpan.FromDays(1097));
        await _app.Services.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);
        await Session.SignInAsync(merchant, email, Session.Password);

        var content = await merchant.GetAsync($"/api/v1/evidence/{item.Id}/content");
        var original = await merchant.GetAsync($"/api/v1/evidence/{item.Id}/original");
        var list = await merchant.Http.GetStringAsync($"/api/v1/disputes/{id}/evidence");
        var browser = await Browser.SignedInAsync(_app, email, Session.Password);
        var page = await browser.GetStringAsync($"/Disputes/{id}");
        var viewer = await browser.GetStringAsync($"/Disputes/{id}/evidence/{item.Id}");
        var bundle = await PrivacyCast.ReadZipAsync(await mediator.GetAsync($"/api/v1/disputes/{id}/bundle"));
        var export = await PrivacyCast.ReadZipAsync(await merchant.GetAsync("/api/v1/me/export"));

        Assert.Equal(HttpStatusCode.Gone, content.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, original.StatusCode);
        Assert.Equal("已按保留期限删除", (await ApiClient.ReadAsync(content)).GetProperty("title").GetString());
        Assert.Contains("已按保留期限删除", list, StringComparison.Ordinal);
        Assert.Contains("已按保留期限删除", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/api/v1/evidence/{item.Id}/thumbnail", page, StringComparison.Ordinal);
        Assert.Contains("已按保留期限删除", viewer, StringComparison.Ordinal);
        Assert.Contains(bundle.Keys, k => k.EndsWith("/purged.json", StringComparison.Ordinal));
        Assert.Contains(item.OriginalSha256, PrivacyCast.Text(bundle, bundle.Keys.Single(k => k.EndsWith("/purged.json", StringComparison.Ordinal))), StringComparison.Ordinal);
        Assert.DoesNotContain(export.Keys, k => k.Contains("/evidence/", StringComparison.Ordinal));
        Assert.Contains("已按保留期限删除", PrivacyCast.Text(export, export.Keys.Single(k => k.EndsWith("/evidence.json", StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_and_sent_mail_older_than_180_days_are_pruned_and_newer_ones_kept()
    {
        var merchant = await Session.NewMerchantAsync(_app);
        var me = (await ApiClient.ReadAsync(await merchant.GetAsync("/api/v1/me"))).GetProperty("id").GetGuid();
        var now = _app.Clock.GetUtcNow();
        await _app.WithDbAsync(async db =>
        {
            db.SignInEvents.Add(new SignInEvent { UserId = me, At = now - TimeSpan.FromDays(181), Outcome = SignInOutcome.Failed, Method = SignInMethod.Password, IpAddress = "203.0.113.9" });
            db.SignInEvents.Add(new SignInEvent { UserId = me, At = now - TimeSpan.FromDays(179), Outcome = SignInOutcome.Succeeded, Method = SignInMethod.Password, IpAddress = "203.0.113.10" });
            db.OutboxEmails.Add(new OutboxEmail { Id = Guid.NewGuid(), ToAddress = "old@shop.test", Subject = "s", Body = "b", CreatedAt = now - TimeSpan.FromDays(200), SentAt = now - TimeSpan.FromDays(181) });
            db.OutboxEmails.Add(new OutboxEmail { Id = Guid.NewGuid(), ToAddress = "recent@shop.test", Subject = "s", Body = "b", CreatedAt = now - TimeSpan.FromDays(200), SentAt = now - TimeSpan.FromDays(179) });
            db.OutboxEmails.Add(new OutboxEmail { Id = Guid.NewGuid(), ToAddress = "unsent@shop.test", Subject = "s", Body = "b", CreatedAt = now - TimeSpan.FromDays(200) });
            return await db.SaveChangesAsync();
        });

        var result = await _app.Services.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, result.SignInsPruned);
        var left = await _app.WithDbAsync(db => db.SignInEvents.Where(e => e.UserId == me).Select(e => e.IpAddress).ToListAsync());
        Assert.DoesNotContain("203.0.113.9", left);
        Assert.Contains("203.0.113.10", left);
        Assert.Equal(1, result.SentMailPruned);
        var mail = await _app.WithDbAsync(db => db.OutboxEmails.Select(m => m.ToAddress).ToListAsync());
        Assert.DoesNotContain("old@shop.test", mail);
        Assert.Contains("recent@shop.test", mail);
        Assert.Contains("unsent@shop.test", mail);
    }

    private Task<Domain.Evidence.EvidenceItem> ItemOfAsync(string disputeId) =>
        _app.WithDbAsync(db => db.Evidence.AsNoTracking().SingleAsync(e => e.DisputeId == Guid.Parse(disputeId)));

    private async Task<bool> AllFilesExistAsync(string blobName)
    {
        foreach (var container in Containers)
        {
            if (!await new BlobContainerClient(_azurite.ConnectionString, container).GetBlobClient(blobName).ExistsAsync())
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> NoFileExistsAsync(string blobName)
    {
        foreach (var container in Containers)
        {
            if (await new BlobContainerClient(_azurite.ConnectionString, container).GetBlobClient(blobName).ExistsAsync())
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The app with the retention job on a schedule of its own.</summary>
public sealed class RetentionScheduleAppFactory : DisputesAppFactory
{
    public const string Cron = "15 2 * * *";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Privacy:RetentionCron", Cron)];
}

[Collection(nameof(JobServers))]
public sealed class RetentionScheduleTests
{
    [Fact]
    public void The_retention_job_runs_daily_on_the_configured_schedule()
    {
        using var app = new RetentionScheduleAppFactory();
        _ = app.CreateClient();

        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().Single(j => j.Id == JobsExtensions.RetentionJobId);

        Assert.Equal(RetentionScheduleAppFactory.Cron, job.Cron);
    }
}
