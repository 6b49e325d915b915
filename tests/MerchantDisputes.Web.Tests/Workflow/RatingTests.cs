using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Tests.Support;
using MerchantDisputes.Web.Tests.Workflow.Support;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>The merchant's 1–5 score: once, in range, and only after the platform answered.</summary>
public sealed class RatingTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    [Fact]
    public async Task Rating_a_second_time_is_a_409_and_keeps_the_first_score()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Resolved);
        await Read.OkAsync(app.Cast.Owner.Api.PostAsync($"/api/v1/disputes/{id}/rating", new { score = 2 }));

        var again = await app.Cast.Owner.Api.PostAsync($"/api/v1/disputes/{id}/rating", new { score = 5 });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var stored = await Drive.ReadAsync(app.Cast.Owner, id);
        Assert.Equal(2, stored.GetProperty("merchantScore").GetInt32());
        Assert.Equal("NotRecommended", stored.Text("rating"));
        Assert.Single(Read.Kinds(stored), k => k == "Rate");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task A_score_outside_1_to_5_is_a_400_on_score_and_the_case_can_still_be_rated(int score)
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Resolved);

        var response = await app.Cast.Owner.Api.PostAsync($"/api/v1/disputes/{id}/rating", new { score });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.ReadAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty("score")[0].GetString()));
        Assert.Equal(HttpStatusCode.OK, (await app.Cast.Owner.Api.PostAsync($"/api/v1/disputes/{id}/rating", new { score = 4 })).StatusCode);
    }

    [Theory]
    [InlineData(DisputeStatus.AwaitingPlatform)]
    [InlineData(DisputeStatus.PlatformResponded)]
    public async Task Rating_before_the_case_ends_with_an_answer_is_a_409(DisputeStatus status)
    {
        var id = await new Drive(app).ToStatusAsync(status);

        var response = await app.Cast.Owner.Api.PostAsync($"/api/v1/disputes/{id}/rating", new { score = 5 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Drive.ReadAsync(app.Cast.Owner, id)).GetProperty("merchantScore").ValueKind);
    }

    [Fact]
    public async Task A_case_closed_before_the_platform_ever_answered_cannot_be_rated()
    {
        // Closed has a Rate row, so only the "platform answered" rule stands between this request and a score.
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.UnderReview);
        await Read.OkAsync(app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/close", new { reason = "材料不足以转交平台。" }));

        var response = await app.Cast.Owner.Api.PostAsync($"/api/v1/disputes/{id}/rating", new { score = 5 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var stored = await Drive.ReadAsync(app.Cast.Owner, id);
        Assert.Equal("Closed", stored.Text("status"));
        Assert.Null(stored.Text("rating"));
    }
}
