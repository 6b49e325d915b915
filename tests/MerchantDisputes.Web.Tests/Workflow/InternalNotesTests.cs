using System.Net;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Tests.Workflow.Support;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>Internal notes are for staff; merchants and platforms never get them in any answer.</summary>
public sealed class InternalNotesTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    [Fact]
    public async Task An_internal_note_never_reaches_the_merchant_or_the_platform_in_any_answer()
    {
        var merchant = await People.MerchantAsync(app);
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform, merchant);
        // ASCII markers: the API escapes non-ASCII in JSON, which would make a search of the raw body pass vacuously.
        var secret = $"internal-note-{Guid.NewGuid():N}";
        var open = $"public-message-{Guid.NewGuid():N}";

        await Read.OkAsync(app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = $"商家疑似重复投诉 {secret}", @internal = true }));
        await Read.OkAsync(app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = $"请平台尽快答复 {open}", @internal = false }));

        foreach (var outsider in new[] { merchant, app.Cast.Agent })
        {
            var bodies = await EverythingAsync(outsider, id);
            Assert.Contains(bodies, b => b.Contains(open, StringComparison.Ordinal)); // the search does find messages
            Assert.DoesNotContain(bodies, b => b.Contains(secret, StringComparison.Ordinal));
            var detail = await Drive.ReadAsync(outsider, id);
            Assert.DoesNotContain("Staff", detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("audience").GetString()));
        }

        var staffView = await Drive.ReadAsync(app.Cast.OtherMediator, id);
        var note = Assert.Single(staffView.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("data").TryGetProperty("body", out var b)
            && b.GetString()!.Contains(secret, StringComparison.Ordinal));
        Assert.Equal("Staff", note.GetProperty("audience").GetString());
        Assert.Equal("Mediator", note.GetProperty("actorRole").GetString());
        Assert.Contains(await EverythingAsync(app.Cast.Admin, id), b => b.Contains(secret, StringComparison.Ordinal));
        Assert.True((await Read.VerifyAsync(merchant, id)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_merchant_or_a_platform_agent_asking_for_an_internal_note_gets_403_and_nothing_is_written()
    {
        var merchant = await People.MerchantAsync(app);
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform, merchant);
        var before = (await Drive.ReadAsync(app.Cast.Mediator, id)).GetProperty("timeline").GetArrayLength();

        var fromMerchant = await merchant.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "我也想写内部备注", @internal = true });
        var fromAgent = await app.Cast.Agent.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "平台内部备注", @internal = true });

        Assert.Equal(HttpStatusCode.Forbidden, fromMerchant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromAgent.StatusCode);
        Assert.Equal(before, (await Drive.ReadAsync(app.Cast.Mediator, id)).GetProperty("timeline").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "公开留言" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Cast.Agent.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "平台公开留言" })).StatusCode);
    }

    [Fact]
    public async Task Legal_opinions_are_for_lawyers_and_a_lawyer_cannot_reach_a_case_that_was_not_escalated()
    {
        // A lawyer sees a case only from EscalationLevel LegalReview, which only the deadline sweep reaches; with no
        // API to escalate, what an agent sees of an opinion cannot be tested here. What can: who may write one.
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform);
        var opinion = new { body = "平台单方仅退款缺乏合同依据。" };

        Assert.Equal(HttpStatusCode.Forbidden, (await app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/legal-opinions", opinion)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Cast.Owner.Api.PostAsync($"/api/v1/disputes/{id}/legal-opinions", opinion)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Cast.Agent.Api.PostAsync($"/api/v1/disputes/{id}/legal-opinions", opinion)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Cast.Lawyer.Api.PostAsync($"/api/v1/disputes/{id}/legal-opinions", opinion)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Cast.Lawyer.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "x", @internal = true })).StatusCode);
        Assert.Equal(0, (await Read.OkAsync(app.Cast.Lawyer.Api.GetAsync("/api/v1/disputes"))).GetProperty("total").GetInt32());
    }

    /// <summary>Every answer the person can get about the case: detail, list, notifications, unread count, verification.</summary>
    private static async Task<string[]> EverythingAsync(Person person, Guid id)
    {
        string[] urls =
        [
            $"/api/v1/disputes/{id}", "/api/v1/disputes", "/api/v1/disputes?status=AwaitingPlatform", "/api/v1/notifications",
            "/api/v1/notifications/unread-count", $"/api/v1/disputes/{id}/timeline/verify",
        ];
        var bodies = new List<string>();
        foreach (var url in urls)
        {
            var response = await person.Api.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        return [.. bodies];
    }
}
