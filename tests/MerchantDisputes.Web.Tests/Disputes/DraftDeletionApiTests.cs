using System.Net;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Disputes;

/// <summary>DELETE /api/v1/disputes/{id}: a draft never submitted goes, with its evidence; anything else is kept (409).</summary>
public sealed class DraftDeletionApiTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Deleting_a_draft_removes_it_its_evidence_rows_and_their_blobs()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly("1688"))).GetProperty("id").GetGuid();
        await Workflow.Support.Arrange.EvidenceAsync(merchant, id);
        await Workflow.Support.Arrange.EvidenceAsync(merchant, id);
        var blobs = await app.WithDbAsync(db => db.Evidence.Where(e => e.DisputeId == id).Select(e => e.BlobName).ToListAsync());

        var deleted = await merchant.Http.DeleteAsync($"/api/v1/disputes/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/api/v1/disputes/{id}")).StatusCode);
        Assert.Equal(2, blobs.Count);
        Assert.False(await app.WithDbAsync(db => db.Evidence.AnyAsync(e => e.DisputeId == id)));
        Assert.False(await app.WithDbAsync(db => db.TimelineEntries.AnyAsync(e => e.DisputeId == id)));
        Assert.DoesNotContain(app.EvidenceBlobFiles(), f => blobs.Any(b => f.Contains(Path.GetFileName(b), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_submitted_case_is_a_conflict_and_stays()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await Uploads.SubmittedCaseAsync(merchant, seed: 8101);

        var deleted = await merchant.Http.DeleteAsync($"/api/v1/disputes/{id}");

        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync($"/api/v1/disputes/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_draft_withdrawn_before_submission_is_kept_as_withdrawn()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly("1688"))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"/api/v1/disputes/{id}/withdraw", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await merchant.Http.DeleteAsync($"/api/v1/disputes/{id}")).StatusCode);
    }

    [Fact]
    public async Task Another_merchants_draft_does_not_exist_for_them()
    {
        var owner = await Session.NewMerchantAsync(app);
        var other = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(owner, ADispute.RefundOnly("1688"))).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.DeleteAsync($"/api/v1/disputes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/disputes/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_stale_version_is_refused()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly("1688"))).GetProperty("id").GetGuid();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/disputes/{id}");
        request.Headers.TryAddWithoutValidation("If-Match", "\"999\"");

        Assert.Equal(HttpStatusCode.Conflict, (await merchant.Http.SendAsync(request)).StatusCode);
    }
}
