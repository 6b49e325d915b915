using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Tests.Builders;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Tests.Statistics;

public class TimeToFirstAnswerTests
{
    private static readonly CaseWindows Windows = CaseWindows.Default;
    private static readonly Actor Agent = new(Guid.Parse("0195f2a0-3333-7000-8000-000000000003"), Roles.PlatformAgent, 1);

    private static Dispute Forwarded(DateTimeOffset at)
    {
        var clock = ACase.Clock();
        var dispute = ACase.Draft(clock);
        dispute.Submit(ACase.Merchant, 1, at);
        dispute.Claim(ACase.Mediator, at);
        dispute.Forward(ACase.Mediator, null, Windows, at);
        return dispute;
    }

    [Fact]
    public void The_time_to_answer_runs_from_forwarding_to_the_first_answer()
    {
        var forwardedAt = ACase.Clock().GetUtcNow();
        var dispute = Forwarded(forwardedAt);
        Assert.Null(dispute.TimeToFirstAnswer);

        dispute.RespondAsPlatform(Agent, PlatformOutcome.Reversed, "已撤销", Windows, forwardedAt.AddHours(36));

        Assert.Equal(TimeSpan.FromHours(36), dispute.TimeToFirstAnswer);
    }

    [Fact]
    public void A_second_answer_after_a_contest_does_not_change_the_time_to_the_first()
    {
        var forwardedAt = ACase.Clock().GetUtcNow();
        var dispute = Forwarded(forwardedAt);
        dispute.RespondAsPlatform(Agent, PlatformOutcome.Upheld, "维持", Windows, forwardedAt.AddHours(5));
        dispute.Contest(ACase.Merchant, "不同意", forwardedAt.AddHours(6));
        dispute.Forward(ACase.Mediator, null, Windows, forwardedAt.AddHours(7));
        dispute.RespondAsPlatform(Agent, PlatformOutcome.Reversed, "撤销", Windows, forwardedAt.AddDays(5));

        Assert.Equal(TimeSpan.FromHours(5), dispute.TimeToFirstAnswer);
    }
}
