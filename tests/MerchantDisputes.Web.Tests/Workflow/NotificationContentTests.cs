using System.Net;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Tests.Support;
using MerchantDisputes.Web.Tests.Workflow.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>What a notice says (title, answer, step, deadline, an absolute link) and whom a draft concerns (nobody).</summary>
public sealed class NotificationContentTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    [Fact]
    public async Task The_answer_email_names_the_title_the_outcome_the_next_deadline_in_China_time_and_links_absolutely()
    {
        var merchant = await People.MerchantAsync(app);
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.PlatformResponded, merchant);
        var dispute = await app.WithDbAsync(db => db.Disputes.AsNoTracking().SingleAsync(d => d.Id == id));

        var email = await EmailAsync(merchant.Email, dispute.CaseNumber, "平台答复");

        Assert.Contains(dispute.Title, email.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://localhost/Disputes/{id}", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(": /Disputes/", email.Body, StringComparison.Ordinal);
        Assert.Contains($"「{dispute.Title}」", email.Body, StringComparison.Ordinal);
        Assert.Contains("平台答复：" + Outcome(dispute.Outcome!.Value, zh: true), email.Body, StringComparison.Ordinal);
        Assert.Contains("The platform answered: " + Outcome(dispute.Outcome!.Value, zh: false), email.Body, StringComparison.Ordinal);
        Assert.Contains($"接受或提出异议期限：{China(dispute.DeadlineAt!.Value, "yyyy年M月d日 HH:mm")}（北京时间，UTC+8），逾期视为接受答复。", email.Body, StringComparison.Ordinal);
        Assert.Contains($"{China(dispute.DeadlineAt!.Value, "d MMM yyyy, HH:mm")} China Standard Time (UTC+8)", email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_in_app_list_carries_the_title_and_the_platforms_answer()
    {
        var merchant = await People.MerchantAsync(app);
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.PlatformResponded, merchant);
        var dispute = await app.WithDbAsync(db => db.Disputes.AsNoTracking().SingleAsync(d => d.Id == id));

        var notices = await Read.OkAsync(merchant.Api.GetAsync("/api/v1/notifications"));

        var answer = Assert.Single(notices.EnumerateArray(), n => n.GetProperty("disputeId").GetGuid() == id && n.Text("kind") == "PlatformRespond");
        Assert.Equal(dispute.Title, answer.Text("title"));
        Assert.Equal(dispute.Outcome.ToString(), answer.Text("detail"));
    }

    [Fact]
    public async Task A_draft_tells_no_mediator_of_its_uploads_nor_of_its_withdrawal()
    {
        var merchant = await People.MerchantAsync(app);
        var mediatorBefore = await UnreadAsync(app.Cast.Mediator);
        var otherMediatorBefore = await UnreadAsync(app.Cast.OtherMediator);
        var outboxBefore = await app.WithDbAsync(db => db.OutboxEmails.CountAsync());

        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Draft, merchant);
        await Arrange.EvidenceAsync(merchant.Api, id);
        var withdrawn = await merchant.Api.SendAsync(DisputeAction.Withdraw, id);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(mediatorBefore, await UnreadAsync(app.Cast.Mediator));
        Assert.Equal(otherMediatorBefore, await UnreadAsync(app.Cast.OtherMediator));
        Assert.Equal(outboxBefore, await app.WithDbAsync(db => db.OutboxEmails.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.DisputeId == id)));
    }

    [Fact]
    public async Task A_submitted_case_still_tells_the_mediators_of_its_withdrawal()
    {
        var merchant = await People.MerchantAsync(app);
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Submitted, merchant);
        var before = await UnreadAsync(app.Cast.Mediator);

        Assert.Equal(HttpStatusCode.OK, (await merchant.Api.SendAsync(DisputeAction.Withdraw, id)).StatusCode);

        Assert.Equal(before + 1, await UnreadAsync(app.Cast.Mediator));
    }

    private static string Outcome(PlatformOutcome outcome, bool zh) => (outcome, zh) switch
    {
        (PlatformOutcome.Reversed, true) => "撤销原判定",
        (PlatformOutcome.Reversed, false) => "Reversed",
        (PlatformOutcome.PartiallyReversed, true) => "部分撤销",
        (PlatformOutcome.Upheld, true) => "维持原判定",
        _ => outcome.ToString(),
    };

    private static string China(DateTimeOffset instant, string format) =>
        Domain.Time.ChinaTime.ToChina(instant).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    private Task<MerchantDisputes.Infrastructure.Notifications.OutboxEmail> EmailAsync(string to, string caseNumber, string kind) =>
        app.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
            .Where(e => e.ToAddress == to && e.Subject.Contains(caseNumber) && e.Subject.Contains(kind))
            .SingleAsync());

    private static async Task<int> UnreadAsync(Person person) =>
        (await Read.OkAsync(person.Api.GetAsync("/api/v1/notifications/unread-count"))).GetProperty("unread").GetInt32();
}

/// <summary>The sweep's notices name the step the case climbed to.</summary>
public sealed class EscalationEmailTests : IDisposable
{
    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_escalation_email_names_the_step_and_the_next_deadline_with_its_time_zone()
    {
        var seed = new CaseSeeder(_app);
        var merchantId = await seed.MerchantAsync();
        var id = await seed.AwaitingPlatformAsync(merchantId, CaseWindows.Default);
        _app.Clock.AdvanceTo(CaseWindows.Default.PlatformResponse);

        await _app.Services.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);

        var email = await _app.WithDbAsync(db => db.OutboxEmails.AsNoTracking()
            .Where(e => db.Users.Any(u => u.Id == merchantId && u.Email == e.ToAddress)).SingleAsync());
        Assert.Contains("已升级：已催告平台", email.Body, StringComparison.Ordinal);
        Assert.Contains("Escalated: Platform reminded", email.Body, StringComparison.Ordinal);
        Assert.Contains("（北京时间，UTC+8）", email.Body, StringComparison.Ordinal);
        Assert.Contains("https://localhost/Disputes/" + id, email.Body, StringComparison.Ordinal);
    }
}
