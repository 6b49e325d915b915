using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Tests.Support;
using MerchantDisputes.Web.Tests.Workflow.Support;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>Two people acting on one case at once: one wins, the other is told what the case has become.</summary>
public sealed class ConcurrencyTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    // The API speaks Chinese unless the client asks otherwise; the 409 names the status as the reader sees it.
    private static readonly Dictionary<DisputeStatus, string> ChineseLabel = new()
    {
        [DisputeStatus.UnderReview] = "审核中",
        [DisputeStatus.AwaitingPlatform] = "待平台答复",
        [DisputeStatus.Rejected] = "已驳回",
    };

    [Fact]
    public async Task Two_mediators_forwarding_and_rejecting_at_once_leave_one_winner_and_a_409_naming_its_status()
    {
        var first = app.Cast.Mediator;
        var second = app.Cast.OtherMediator;
        for (var round = 0; round < 10; round++)
        {
            var id = await new Drive(app).ToStatusAsync(DisputeStatus.UnderReview);

            var answers = await Task.WhenAll(
                first.Api.SendAsync(DisputeAction.Forward, id),
                second.Api.SendAsync(DisputeAction.Reject, id));

            var codes = answers.Select(a => a.StatusCode).ToArray();
            Assert.True(codes.Count(c => c == HttpStatusCode.OK) == 1 && codes.Count(c => c == HttpStatusCode.Conflict) == 1,
                $"round {round}: forward {(int)codes[0]}, reject {(int)codes[1]}");
            var winner = codes[0] == HttpStatusCode.OK ? DisputeStatus.AwaitingPlatform : DisputeStatus.Rejected;
            var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
            var detail = (await ApiClient.ReadAsync(loser)).GetProperty("detail").GetString();
            Assert.Contains(ChineseLabel[winner], detail, StringComparison.Ordinal);

            var stored = await Drive.ReadAsync(app.Cast.Owner, id);
            Assert.Equal(winner.ToString(), stored.Text("status"));
            var kinds = Read.Kinds(stored);
            Assert.Equal(1, kinds.Count(k => k is "Forward" or "Reject"));
            Assert.True((await Read.VerifyAsync(app.Cast.Owner, id)).GetProperty("intact").GetBoolean());
        }
    }

    [Fact]
    public async Task The_one_who_comes_second_gets_a_409_that_names_the_status_the_first_left()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.UnderReview);
        Assert.Equal(HttpStatusCode.OK, (await app.Cast.Mediator.Api.SendAsync(DisputeAction.Reject, id)).StatusCode);

        var late = await app.Cast.OtherMediator.Api.SendAsync(DisputeAction.Forward, id);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var detail = (await ApiClient.ReadAsync(late)).GetProperty("detail").GetString();
        Assert.Contains(ChineseLabel[DisputeStatus.Rejected], detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acting_with_a_stale_If_Match_version_is_a_409_that_names_the_current_status_and_changes_nothing()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Submitted);
        var read = await app.Cast.Mediator.Api.GetAsync($"/api/v1/disputes/{id}");
        var etag = read.Headers.ETag!.Tag;
        var claimed = await app.Cast.Mediator.Api.SendAsync(DisputeAction.Claim, id, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var fresh = claimed.Headers.ETag!.Tag;
        Assert.NotEqual(etag, fresh);

        var stale = await app.Cast.OtherMediator.Api.SendAsync(DisputeAction.Forward, id, ifMatch: etag);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await ApiClient.ReadAsync(stale);
        Assert.Contains(ChineseLabel[DisputeStatus.UnderReview], problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stored = await Drive.ReadAsync(app.Cast.Owner, id);
        Assert.Equal("UnderReview", stored.Text("status"));
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("forwardedAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await app.Cast.OtherMediator.Api.SendAsync(DisputeAction.Forward, id, ifMatch: fresh)).StatusCode);
    }
}
