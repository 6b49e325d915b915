using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Tests.Authorisation;

/// <summary>The transition table as data: what DESIGN.md's "Case life" promises, and guards for rows added later.</summary>
public class DisputeStateMachineTests
{
    private static readonly IReadOnlyList<Transition> Table = DisputeStateMachine.Table;

    public static TheoryData<DisputeAction> Actions => [.. Enum.GetValues<DisputeAction>()];

    [Theory]
    [MemberData(nameof(Actions))]
    public void Every_action_has_at_least_one_row(DisputeAction action) =>
        Assert.Contains(Table, t => t.Action == action);

    [Theory]
    [InlineData(DisputeStatus.Draft, DisputeAction.EditDraft, DisputeStatus.Draft, Roles.Merchant)]
    [InlineData(DisputeStatus.Draft, DisputeAction.Submit, DisputeStatus.Submitted, Roles.Merchant)]
    [InlineData(DisputeStatus.Submitted, DisputeAction.Claim, DisputeStatus.UnderReview, Roles.Mediator)]
    [InlineData(DisputeStatus.UnderReview, DisputeAction.RequestInfo, DisputeStatus.NeedsInfo, Roles.Mediator)]
    [InlineData(DisputeStatus.NeedsInfo, DisputeAction.ProvideInfo, DisputeStatus.UnderReview, Roles.Merchant)]
    [InlineData(DisputeStatus.UnderReview, DisputeAction.Reject, DisputeStatus.Rejected, Roles.Mediator)]
    [InlineData(DisputeStatus.UnderReview, DisputeAction.Forward, DisputeStatus.AwaitingPlatform, Roles.Mediator)]
    [InlineData(DisputeStatus.UnderReview, DisputeAction.Close, DisputeStatus.Closed, Roles.Mediator)]
    [InlineData(DisputeStatus.AwaitingPlatform, DisputeAction.PlatformRespond, DisputeStatus.PlatformResponded, Roles.PlatformAgent)]
    [InlineData(DisputeStatus.PlatformResponded, DisputeAction.Accept, DisputeStatus.Resolved, Roles.Merchant)]
    [InlineData(DisputeStatus.PlatformResponded, DisputeAction.Contest, DisputeStatus.UnderReview, Roles.Merchant)]
    [InlineData(DisputeStatus.AwaitingPlatform, DisputeAction.Escalate, DisputeStatus.AwaitingPlatform, Actor.SystemRole)]
    [InlineData(DisputeStatus.NeedsInfo, DisputeAction.ExpireInfoRequest, DisputeStatus.Closed, Actor.SystemRole)]
    [InlineData(DisputeStatus.PlatformResponded, DisputeAction.AutoResolve, DisputeStatus.Resolved, Actor.SystemRole)]
    [InlineData(DisputeStatus.Resolved, DisputeAction.Rate, DisputeStatus.Resolved, Roles.Merchant)]
    [InlineData(DisputeStatus.Closed, DisputeAction.Rate, DisputeStatus.Closed, Roles.Merchant)]
    public void The_table_holds_the_case_life_of_the_design(DisputeStatus from, DisputeAction action, DisputeStatus to, string role) =>
        Assert.Equal(new Transition(from, action, to, role), DisputeStateMachine.Find(from, action, role));

    [Fact]
    public void The_merchant_may_withdraw_from_exactly_the_open_statuses()
    {
        var withdrawable = Table.Where(t => t.Action == DisputeAction.Withdraw).ToList();

        Assert.All(withdrawable, t => Assert.Equal((DisputeStatus.Withdrawn, Roles.Merchant), (t.To, t.Role)));
        Assert.Equal(
            Enum.GetValues<DisputeStatus>().Where(DisputeStateMachine.IsOpen).Order(),
            withdrawable.Select(t => t.From).Order());
    }

    [Fact]
    public void Each_status_action_and_role_has_one_row_at_most() =>
        Assert.Equal(Table.Count, Table.DistinctBy(t => (t.From, t.Action, t.Role)).Count());

    [Fact]
    public void Every_row_names_a_known_role_or_the_system() =>
        Assert.All(Table, t => Assert.True(Roles.IsKnown(t.Role) || t.Role == Actor.SystemRole, $"{t} names role {t.Role}"));

    [Fact]
    public void No_row_takes_an_ended_dispute_back_to_an_open_status() =>
        Assert.All(
            Table.Where(t => !DisputeStateMachine.IsOpen(t.From)),
            t => Assert.Equal(t.From, t.To));

    [Fact]
    public void Every_status_is_reachable_from_a_draft()
    {
        var reached = new HashSet<DisputeStatus> { DisputeStatus.Draft };
        int before;
        do
        {
            before = reached.Count;
            reached.UnionWith(Table.Where(t => reached.Contains(t.From)).Select(t => t.To).ToList());
        }
        while (reached.Count > before);

        Assert.Equal(Enum.GetValues<DisputeStatus>().Order(), reached.Order());
    }

    [Theory]
    [InlineData(DisputeStatus.Draft, true)]
    [InlineData(DisputeStatus.PlatformResponded, true)]
    [InlineData(DisputeStatus.Resolved, false)]
    [InlineData(DisputeStatus.Rejected, false)]
    [InlineData(DisputeStatus.Closed, false)]
    [InlineData(DisputeStatus.Withdrawn, false)]
    public void Resolved_rejected_closed_and_withdrawn_disputes_are_ended(DisputeStatus status, bool open) =>
        Assert.Equal(open, DisputeStateMachine.IsOpen(status));

    [Fact]
    public void Role_queries_read_the_table()
    {
        Assert.True(DisputeStateMachine.RoleEverMay(DisputeAction.Forward, Roles.Mediator));
        Assert.False(DisputeStateMachine.RoleEverMay(DisputeAction.Forward, Roles.Merchant));
        Assert.False(DisputeStateMachine.RoleEverMay(DisputeAction.EditDraft, Roles.Lawyer));
        Assert.True(DisputeStateMachine.AnyRoleMay(DisputeStatus.Submitted, DisputeAction.Claim));
        Assert.False(DisputeStateMachine.AnyRoleMay(DisputeStatus.Draft, DisputeAction.Claim));
        Assert.Null(DisputeStateMachine.Find(DisputeStatus.Draft, DisputeAction.Submit, Roles.Mediator));
    }
}
