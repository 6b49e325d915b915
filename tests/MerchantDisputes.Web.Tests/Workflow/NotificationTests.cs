using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Tests.Workflow.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>Forwarding tells the merchant and the platform's agents, in the app and by email.</summary>
public sealed class NotificationTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    [Fact]
    public async Task Forwarding_leaves_an_unread_notice_for_the_merchant_and_the_platforms_agent_and_an_email_in_the_outbox()
    {
        var merchant = await People.MerchantAsync(app);
        var agent = app.Cast.Agent;
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.UnderReview, merchant);
        var merchantBefore = await UnreadAsync(merchant);
        var agentBefore = await UnreadAsync(agent);
        var otherAgentBefore = await UnreadAsync(app.Cast.OtherAgent);

        var forwarded = await Read.OkAsync(app.Cast.Mediator.Api.SendAsync(DisputeAction.Forward, id));

        var caseNumber = forwarded.Text("caseNumber")!;
        Assert.Equal(merchantBefore + 1, await UnreadAsync(merchant));
        Assert.Equal(agentBefore + 1, await UnreadAsync(agent));
        Assert.Equal(otherAgentBefore, await UnreadAsync(app.Cast.OtherAgent));
        var merchantNotice = await ForwardNoticeAsync(merchant, id);
        var agentNotice = await ForwardNoticeAsync(agent, id);
        Assert.Equal(caseNumber, merchantNotice.Text("caseNumber"));
        Assert.False(agentNotice.GetProperty("read").GetBoolean());

        var emails = await app.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
            .Where(e => e.ToAddress == merchant.Email).ToListAsync());
        var email = Assert.Single(emails, e => e.Subject.Contains(caseNumber, StringComparison.Ordinal)
            && e.Subject.Contains("Forwarded to the platform", StringComparison.Ordinal));
        Assert.DoesNotContain("1340.70", email.Body, StringComparison.Ordinal); // the case number, never the case's content
        Assert.True(await app.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.ToAddress == agent.Email && e.Subject.Contains(caseNumber))));
    }

    [Fact]
    public async Task Marking_a_notice_read_lowers_the_count_and_only_its_owner_may_mark_it()
    {
        var merchant = await People.MerchantAsync(app);
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform, merchant);
        var notice = await ForwardNoticeAsync(merchant, id);
        var noticeId = notice.GetProperty("id").GetGuid();
        var before = await UnreadAsync(merchant);
        Assert.True(before >= 2); // Claim and Forward

        var byAgent = await app.Cast.Agent.Api.PostAsync($"/api/v1/notifications/{noticeId}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, byAgent.StatusCode);
        Assert.Equal(before, await UnreadAsync(merchant));

        var read = await merchant.Api.PostAsync($"/api/v1/notifications/{noticeId}/read", null);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(before - 1, await UnreadAsync(merchant));
        Assert.True((await ForwardNoticeAsync(merchant, id)).GetProperty("read").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await merchant.Api.PostAsync($"/api/v1/notifications/{noticeId}/read", null)).StatusCode);
        Assert.Equal(before - 1, await UnreadAsync(merchant));

        Assert.Equal(HttpStatusCode.NoContent, (await merchant.Api.PostAsync("/api/v1/notifications/read-all", null)).StatusCode);
        Assert.Equal(0, await UnreadAsync(merchant));
    }

    private static async Task<int> UnreadAsync(Person person) =>
        (await Read.OkAsync(person.Api.GetAsync("/api/v1/notifications/unread-count"))).GetProperty("unread").GetInt32();

    private static async Task<JsonElement> ForwardNoticeAsync(Person person, Guid id)
    {
        var notices = await Read.OkAsync(person.Api.GetAsync("/api/v1/notifications"));
        return Assert.Single(notices.EnumerateArray(), n => n.GetProperty("disputeId").GetGuid() == id && n.Text("kind") == "Forward");
    }
}
