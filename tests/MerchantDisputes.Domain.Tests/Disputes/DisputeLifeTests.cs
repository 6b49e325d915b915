using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Tests.Builders;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Domain.Tests.Disputes;

/// <summary>The aggregate's methods: Open, EditDraft, Submit, Withdraw.</summary>
public class DisputeLifeTests
{
    private readonly FakeTimeProvider _clock = ACase.Clock();

    [Fact]
    public void Opening_a_dispute_makes_a_draft_with_a_Created_entry()
    {
        var dispute = ACase.Draft(_clock);

        Assert.Equal(DisputeStatus.Draft, dispute.Status);
        Assert.Equal(ACase.CaseNumber, dispute.CaseNumber);
        Assert.Equal(ACase.MerchantId, dispute.MerchantId);
        Assert.Equal("CN-GD", dispute.Region);
        Assert.Equal(_clock.GetUtcNow(), dispute.CreatedAt);
        Assert.Null(dispute.SubmittedAt);
        Assert.True(dispute.IsOpen);
        Assert.Equal(1, dispute.Version);
        var created = Assert.Single(dispute.Timeline);
        Assert.Equal("Created", created.Kind);
        Assert.Equal(1, created.Sequence);
        Assert.Equal(TimelineEntry.GenesisHash, created.PreviousHash);
        Assert.Equal(dispute.Id, created.DisputeId);
        Assert.Equal(ACase.MerchantId, created.ActorUserId);
        Assert.Equal(Roles.Merchant, created.ActorRole);
        Assert.Equal(ACase.CaseNumber, created.Data()["caseNumber"]);
        Assert.Equal("RefundOnly", created.Data()["type"]);
    }

    [Fact]
    public void Opening_copies_the_content()
    {
        var dispute = ACase.Draft(_clock);

        Assert.Equal(DisputeType.RefundOnly, dispute.Type);
        Assert.Equal(1_340.70m, dispute.Amount);
        Assert.Equal("CNY", dispute.Currency);
        Assert.Equal("240312-88123", dispute.RefundOnly!.OrderNumber);
    }

    [Fact]
    public void The_merchant_may_edit_a_draft()
    {
        var dispute = ACase.Draft(_clock);
        _clock.Advance(TimeSpan.FromMinutes(5));

        dispute.EditDraft(ADispute.RefundOnly().WithTitle("新标题").WithAmount(99m).Create(), ACase.Merchant, _clock.GetUtcNow());

        Assert.Equal(DisputeStatus.Draft, dispute.Status);
        Assert.Equal("新标题", dispute.Title);
        Assert.Equal(99m, dispute.Amount);
        Assert.Equal(_clock.GetUtcNow(), dispute.UpdatedAt);
        Assert.Equal("EditDraft", dispute.Timeline.Last().Kind);
    }

    [Fact]
    public void An_edit_that_keeps_the_status_records_no_from_and_to() =>
        Assert.Empty(Edited(ACase.Draft(_clock)).Timeline.Last().Data());

    [Fact]
    public void A_mediator_may_not_edit_a_draft()
    {
        var dispute = ACase.Draft(_clock);

        var thrown = Assert.Throws<ActionNotAllowedException>(() =>
            dispute.EditDraft(ADispute.RefundOnly().Create(), ACase.Mediator, _clock.GetUtcNow()));

        Assert.Equal(DisputeAction.EditDraft, thrown.Action);
        Assert.Equal(Roles.Mediator, thrown.Role);
        AssertUnchanged(dispute);
    }

    [Fact]
    public void A_submitted_dispute_can_no_longer_be_edited()
    {
        var dispute = Submitted(ACase.Draft(_clock));

        var thrown = Assert.Throws<InvalidTransitionException>(() =>
            dispute.EditDraft(ADispute.RefundOnly().Create(), ACase.Merchant, _clock.GetUtcNow()));

        Assert.Equal(DisputeStatus.Submitted, thrown.Status);
        Assert.Equal(DisputeAction.EditDraft, thrown.Action);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Submitting_without_evidence_is_refused_and_changes_nothing(int evidenceCount)
    {
        var dispute = ACase.Draft(_clock);

        Assert.Throws<EvidenceRequiredException>(() => dispute.Submit(ACase.Merchant, evidenceCount, _clock.GetUtcNow()));

        AssertUnchanged(dispute);
        Assert.Null(dispute.SubmittedAt);
    }

    [Fact]
    public void Submitting_with_evidence_moves_the_draft_to_Submitted()
    {
        var dispute = ACase.Draft(_clock);
        _clock.Advance(TimeSpan.FromHours(1));

        dispute.Submit(ACase.Merchant, evidenceCount: 2, _clock.GetUtcNow());

        Assert.Equal(DisputeStatus.Submitted, dispute.Status);
        Assert.Equal(_clock.GetUtcNow(), dispute.SubmittedAt);
        var entry = dispute.Timeline.Last();
        Assert.Equal("Submit", entry.Kind);
        Assert.Equal("2", entry.Data()["evidenceCount"]);
        Assert.Equal("Draft", entry.Data()["from"]);
        Assert.Equal("Submitted", entry.Data()["to"]);
    }

    [Fact]
    public void A_mediator_may_not_submit_even_with_evidence() =>
        Assert.Throws<ActionNotAllowedException>(() => ACase.Draft(_clock).Submit(ACase.Mediator, 1, _clock.GetUtcNow()));

    [Fact]
    public void A_dispute_cannot_be_submitted_twice() =>
        Assert.Throws<InvalidTransitionException>(() => Submitted(ACase.Draft(_clock)).Submit(ACase.Merchant, 1, _clock.GetUtcNow()));

    public static TheoryData<DisputeStatus> OpenStatuses => [.. Enum.GetValues<DisputeStatus>().Where(DisputeStateMachine.IsOpen)];

    public static TheoryData<DisputeStatus> EndedStatuses => [.. Enum.GetValues<DisputeStatus>().Where(s => !DisputeStateMachine.IsOpen(s))];

    [Theory]
    [MemberData(nameof(OpenStatuses))]
    public void The_merchant_may_withdraw_a_dispute_in_any_open_status(DisputeStatus status)
    {
        var dispute = ACase.Stored(status, _clock);
        _clock.Advance(TimeSpan.FromDays(1));

        dispute.Withdraw(ACase.Merchant, "已与平台协商解决", _clock.GetUtcNow());

        Assert.Equal(DisputeStatus.Withdrawn, dispute.Status);
        Assert.False(dispute.IsOpen);
        Assert.Equal(_clock.GetUtcNow(), dispute.EndedAt);
        var entry = dispute.Timeline.Last();
        Assert.Equal("Withdraw", entry.Kind);
        Assert.Equal("已与平台协商解决", entry.Data()["reason"]);
        Assert.Equal(status.ToString(), entry.Data()["from"]);
        Assert.Equal("Withdrawn", entry.Data()["to"]);
    }

    [Fact]
    public void Withdrawing_a_withdrawn_dispute_is_an_invalid_transition()
    {
        var dispute = ACase.Draft(_clock);
        dispute.Withdraw(ACase.Merchant, reason: null, _clock.GetUtcNow());

        var thrown = Assert.Throws<InvalidTransitionException>(() => dispute.Withdraw(ACase.Merchant, null, _clock.GetUtcNow()));

        Assert.Equal(DisputeStatus.Withdrawn, thrown.Status);
        Assert.Equal(DisputeAction.Withdraw, thrown.Action);
    }

    [Theory]
    [MemberData(nameof(EndedStatuses))]
    public void An_ended_dispute_cannot_be_withdrawn(DisputeStatus status) =>
        Assert.Throws<InvalidTransitionException>(() => ACase.Stored(status, _clock).Withdraw(ACase.Merchant, null, _clock.GetUtcNow()));

    [Fact]
    public void A_mediator_may_not_withdraw_a_merchants_dispute() =>
        Assert.Throws<ActionNotAllowedException>(() => ACase.Draft(_clock).Withdraw(ACase.Mediator, null, _clock.GetUtcNow()));

    [Fact]
    public void Every_transition_appends_the_next_timeline_entry_and_increments_the_version()
    {
        var dispute = ACase.Draft(_clock);
        List<(int Sequence, int Version)> seen = [(dispute.TimelineCount, dispute.Version)];

        Step(() => Edited(dispute));
        Step(() => Submitted(dispute));
        Step(() => dispute.Withdraw(ACase.Merchant, null, _clock.GetUtcNow()));

        Assert.Equal([(1, 1), (2, 2), (3, 3), (4, 4)], seen);
        Assert.Equal(["Created", "EditDraft", "Submit", "Withdraw"], dispute.Timeline.Select(e => e.Kind));
        Assert.Equal([1, 2, 3, 4], dispute.Timeline.Select(e => e.Sequence));
        Assert.Equal(dispute.Timeline.Last().Hash, dispute.LastTimelineHash);
        Assert.Null(TimelineVerifier.FirstBroken(dispute.Timeline));

        void Step(Action transition)
        {
            _clock.Advance(TimeSpan.FromMinutes(10));
            transition();
            seen.Add((dispute.TimelineCount, dispute.Version));
        }
    }

    private Dispute Edited(Dispute dispute)
    {
        dispute.EditDraft(ADispute.RefundOnly().Create(), ACase.Merchant, _clock.GetUtcNow());
        return dispute;
    }

    private Dispute Submitted(Dispute dispute)
    {
        dispute.Submit(ACase.Merchant, evidenceCount: 1, _clock.GetUtcNow());
        return dispute;
    }

    private static void AssertUnchanged(Dispute dispute)
    {
        Assert.Equal(DisputeStatus.Draft, dispute.Status);
        Assert.Equal(1, dispute.Version);
        Assert.Single(dispute.Timeline);
    }

    [Theory]
    [InlineData(91)]
    [InlineData(2_900_000)]
    public void A_merchant_deadline_further_than_90_days_is_refused(int days)
    {
        var dispute = ACase.Stored(DisputeStatus.UnderReview, _clock);
        var now = _clock.GetUtcNow();

        var thrown = Assert.Throws<MerchantDisputes.Domain.Validation.DomainValidationException>(() =>
            dispute.RequestInfo(ACase.Mediator, "请补充退货底单", now.AddDays(days), MerchantDisputes.Domain.Escalation.CaseWindows.Default, now));

        Assert.Equal("dueBy", Assert.Single(thrown.Errors).Field);
    }

    [Fact]
    public void A_merchant_deadline_of_90_days_is_accepted()
    {
        var dispute = ACase.Stored(DisputeStatus.UnderReview, _clock);
        var now = _clock.GetUtcNow();

        dispute.RequestInfo(ACase.Mediator, "请补充退货底单", now.AddDays(90), MerchantDisputes.Domain.Escalation.CaseWindows.Default, now);

        Assert.Equal(DisputeStatus.NeedsInfo, dispute.Status);
    }
}
