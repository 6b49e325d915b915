using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;
using MerchantDisputes.Web.Tests.Workflow.Support;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>The three cases of DESIGN.md, from filing to their end, each through the API only.</summary>
public sealed class CaseStoryTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    [Fact]
    public async Task A_refund_only_ruling_the_platform_reverses_in_time_and_the_merchant_rates_5_is_Recommended()
    {
        var merchant = await People.MerchantAsync(app);
        var mediator = app.Cast.Mediator;
        var agent = app.Cast.Agent; // 1688
        var id = await FileAndSubmitAsync(merchant, ADispute.RefundOnly("1688"));

        await Read.OkAsync(mediator.Api.SendAsync(DisputeAction.Claim, id));
        var forwarded = await Read.OkAsync(mediator.Api.PostAsync($"/api/v1/disputes/{id}/forward", new { note = "请核实退回物流记录 SF1400233111。" }));
        var respondBy = forwarded.GetProperty("respondBy").GetDateTimeOffset();
        Assert.Equal(CaseWindows.Default.Due(CaseWindows.Default.PlatformResponse, app.Clock.GetUtcNow()), respondBy);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var answered = await Read.OkAsync(agent.Api.PostAsync($"/api/v1/disputes/{id}/platform-response",
            new { outcome = "Reversed", message = "经核实包裹已退回未签收，撤销仅退款判罚，1340.70 元退回商家。" }));
        Assert.Equal("PlatformResponded", answered.Text("status"));
        Assert.Equal("Reversed", answered.Text("outcome"));
        Assert.True(answered.GetProperty("respondedAt").GetDateTimeOffset() <= respondBy);

        var accepted = await Read.OkAsync(merchant.Api.SendAsync(DisputeAction.Accept, id));
        Assert.Equal("Resolved", accepted.Text("status"));
        Assert.Equal("Recommended", accepted.Text("rating"));

        var rated = await Read.OkAsync(merchant.Api.PostAsync($"/api/v1/disputes/{id}/rating", new { score = 5, comment = "平台处理及时。" }));
        Assert.Equal("Resolved", rated.Text("status"));
        Assert.Equal("Recommended", rated.Text("rating")); // 建议下单
        Assert.Equal(5, rated.GetProperty("merchantScore").GetInt32());

        var detail = await Drive.ReadAsync(merchant, id);
        Assert.Equal(1340.70m, detail.GetProperty("amount").GetDecimal());
        Assert.Equal(["Created", "EvidenceAdded", "Submit", "Claim", "Forward", "PlatformRespond", "Accept", "Rate"], Read.Kinds(detail));
        Assert.Equal(Read.Kinds(detail), Read.Kinds(await Drive.ReadAsync(agent, id)));
        await AssertIntactAsync(merchant, id, entries: 8);
    }

    [Fact]
    public async Task A_36500_day_freeze_the_platform_upholds_and_the_merchant_contests_ends_closed_and_NotRecommended()
    {
        var merchant = await People.MerchantAsync(app);
        var mediator = app.Cast.Mediator;
        var agent = await People.StaffAsync(app, Roles.PlatformAgent, "pipiwang"); // 批批网
        var id = await FileAndSubmitAsync(merchant, ADispute.FrozenFunds("pipiwang"));
        Assert.Equal(36500, (await Drive.ReadAsync(merchant, id)).GetProperty("frozenFunds").GetProperty("statedFreezeDays").GetInt32());

        await Read.OkAsync(mediator.Api.SendAsync(DisputeAction.Claim, id));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Api.GetAsync($"/api/v1/disputes/{id}")).StatusCode);
        await Read.OkAsync(mediator.Api.SendAsync(DisputeAction.Forward, id));
        var upheld = await Read.OkAsync(agent.Api.PostAsync($"/api/v1/disputes/{id}/platform-response",
            new { outcome = "Upheld", message = "店铺长期未经营，按规则冻结。" }));
        Assert.Equal("Upheld", upheld.Text("outcome"));

        var contested = await Read.OkAsync(merchant.Api.PostAsync($"/api/v1/disputes/{id}/contest",
            new { reason = "冻结 36500 天等同没收，且没有申诉入口。" }));
        Assert.Equal("UnderReview", contested.Text("status"));
        Assert.True(contested.GetProperty("contested").GetBoolean());

        var closed = await Read.OkAsync(mediator.Api.PostAsync($"/api/v1/disputes/{id}/close",
            new { reason = "平台坚持原判，双方无法达成一致。" }));
        Assert.Equal("Closed", closed.Text("status"));
        Assert.Equal("NotRecommended", closed.Text("rating")); // 不建议下单

        var detail = await Drive.ReadAsync(merchant, id);
        Assert.Equal(["Created", "EvidenceAdded", "Submit", "Claim", "Forward", "PlatformRespond", "Contest", "Close"], Read.Kinds(detail));
        var agentView = await Drive.ReadAsync(agent, id);
        Assert.Equal("Closed", agentView.Text("status"));
        await AssertIntactAsync(merchant, id, entries: 8);
    }

    [Fact]
    public async Task A_forced_fee_case_the_merchant_withdraws_after_forwarding_ends_Withdrawn_without_a_rating()
    {
        var merchant = await People.MerchantAsync(app);
        var mediator = app.Cast.Mediator;
        var agent = await People.StaffAsync(app, Roles.PlatformAgent, "huobutou"); // 货捕头
        var id = await FileAndSubmitAsync(merchant, ADispute.ForcedFee("huobutou"));

        await Read.OkAsync(mediator.Api.SendAsync(DisputeAction.Claim, id));
        await Read.OkAsync(mediator.Api.SendAsync(DisputeAction.Forward, id));
        var withdrawn = await Read.OkAsync(merchant.Api.PostAsync($"/api/v1/disputes/{id}/withdraw",
            new { reason = "平台已主动为我退出该项目并退还服务费。" }));

        Assert.Equal("Withdrawn", withdrawn.Text("status"));
        Assert.Null(withdrawn.Text("rating"));
        var rating = await merchant.Api.PostAsync($"/api/v1/disputes/{id}/rating", new { score = 5 });
        Assert.Equal(HttpStatusCode.Conflict, rating.StatusCode);
        var detail = await Drive.ReadAsync(merchant, id);
        Assert.Null(detail.Text("rating"));
        Assert.False(detail.GetProperty("forcedFee").GetProperty("consentGiven").GetBoolean());
        Assert.Equal(["Created", "EvidenceAdded", "Submit", "Claim", "Forward", "Withdraw"], Read.Kinds(detail));
        Assert.Equal("Withdrawn", (await Drive.ReadAsync(agent, id)).Text("status"));
        await AssertIntactAsync(merchant, id, entries: 6);
    }

    private static async Task<Guid> FileAndSubmitAsync(Person merchant, Dictionary<string, object?> body)
    {
        var created = await Session.CreateAsync(merchant.Api, body);
        var id = created.GetProperty("id").GetGuid();
        await Arrange.EvidenceAsync(merchant.Api, id);
        var submitted = await Read.OkAsync(merchant.Api.SendAsync(DisputeAction.Submit, id));
        Assert.Equal("Submitted", submitted.Text("status"));
        return id;
    }

    private static async Task AssertIntactAsync(Person reader, Guid id, int entries)
    {
        var verify = await Read.VerifyAsync(reader, id);
        Assert.True(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(entries, verify.GetProperty("entries").GetInt32());
        Assert.Equal(JsonValueKind.Null, verify.GetProperty("firstBrokenSequence").ValueKind);
    }
}
