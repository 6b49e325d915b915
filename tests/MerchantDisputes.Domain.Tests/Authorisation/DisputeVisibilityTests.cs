using System.Linq.Expressions;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Tests.Builders;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Tests.Authorisation;

public class DisputeVisibilityTests
{
    private static readonly Guid OtherMerchant = Guid.Parse("0195f2a0-3333-7000-8000-000000000003");

    public static TheoryData<string> People => new()
    {
        "merchant", "other merchant", "mediator", "admin", "lawyer", "agent of 1688", "agent of another platform", "system",
    };

    [Theory]
    [MemberData(nameof(People))]
    public void A_query_written_once_for_every_role_sees_exactly_what_the_persons_rule_sees(string person)
    {
        var actor = Person(person);
        Expression<Func<Dispute, Guid, int, bool>> query = (d, userId, platformId) => DisputeVisibility.Allows(d, userId, platformId);
        var applied = DisputeVisibility.Apply(query, actor.Role).Compile();
        var rule = DisputeVisibility.For(actor).Compile();

        var cases = Cases().ToList();
        var seen = cases.Where(rule).ToList();
        Assert.Equal(seen, cases.Where(d => applied(d, actor.UserId ?? Guid.Empty, actor.PlatformId ?? -1)));
        Assert.Equal(Expected(person, cases), seen);
    }

    [Theory]
    [MemberData(nameof(People))]
    public void The_rule_run_on_another_shape_of_the_case_sees_what_it_sees_on_the_case(string person)
    {
        var actor = Person(person);
        var onShape = DisputeVisibility.CompileFor<Facts>(actor.Role);
        var rule = DisputeVisibility.For(actor).Compile();

        var cases = Cases().ToList();
        Assert.Equal(
            cases.Select(rule),
            cases.Select(d => onShape(Facts.Of(d), actor.UserId ?? Guid.Empty, actor.PlatformId ?? -1)));
    }

    [Fact]
    public void A_shape_without_a_member_the_rule_reads_is_refused_when_the_rule_is_compiled()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DisputeVisibility.CompileFor<NoMerchant>(Roles.Merchant));
        Assert.Contains(nameof(Dispute.MerchantId), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allows_outside_a_query_given_to_Apply_refuses_to_run()
    {
        var draft = ACase.Draft(ACase.Clock());
        Assert.Throws<InvalidOperationException>(() => DisputeVisibility.Allows(draft, ACase.MerchantId, -1));
    }

    private static Actor Person(string person) => person switch
    {
        "merchant" => ACase.Merchant,
        "other merchant" => Actor.Merchant(OtherMerchant),
        "mediator" => ACase.Mediator,
        "admin" => new(Guid.NewGuid(), Roles.Admin),
        "lawyer" => new(Guid.NewGuid(), Roles.Lawyer),
        "agent of 1688" => new(Guid.NewGuid(), Roles.PlatformAgent, 1),
        "agent of another platform" => new(Guid.NewGuid(), Roles.PlatformAgent, 2),
        _ => Actor.System,
    };

    /// <summary>A draft, a submitted case, one with the platform, one after the platform answered, one with the lawyers; all of the merchant on 1688.</summary>
    private static IEnumerable<Dispute> Cases()
    {
        var clock = ACase.Clock();
        var now = clock.GetUtcNow();
        yield return ACase.Draft(clock).Set(nameof(Dispute.PlatformId), 1);
        yield return ACase.Stored(DisputeStatus.Submitted, clock).Set(nameof(Dispute.PlatformId), 1).Set(nameof(Dispute.SubmittedAt), now);
        yield return ACase.Stored(DisputeStatus.AwaitingPlatform, clock).Set(nameof(Dispute.PlatformId), 1)
            .Set(nameof(Dispute.SubmittedAt), now).Set(nameof(Dispute.ForwardedAt), now);
        yield return ACase.Stored(DisputeStatus.Resolved, clock).Set(nameof(Dispute.PlatformId), 1)
            .Set(nameof(Dispute.SubmittedAt), now).Set(nameof(Dispute.ForwardedAt), now);
        yield return ACase.Stored(DisputeStatus.AwaitingPlatform, clock).Set(nameof(Dispute.PlatformId), 1)
            .Set(nameof(Dispute.SubmittedAt), now).Set(nameof(Dispute.ForwardedAt), now).Set(nameof(Dispute.EscalationLevel), EscalationLevel.LegalReview);
    }

    private static List<Dispute> Expected(string person, List<Dispute> cases) => person switch
    {
        "merchant" => cases,
        "mediator" or "admin" => cases.Skip(1).ToList(),
        "agent of 1688" => cases.Skip(2).ToList(),
        "lawyer" => cases.Skip(4).ToList(),
        _ => [],
    };

    /// <summary>The members the rules read, copied from a case.</summary>
    private sealed record Facts(
        Guid MerchantId, int PlatformId, DisputeStatus Status, EscalationLevel EscalationLevel, DateTimeOffset? SubmittedAt, DateTimeOffset? ForwardedAt)
    {
        public static Facts Of(Dispute d) => new(d.MerchantId, d.PlatformId, d.Status, d.EscalationLevel, d.SubmittedAt, d.ForwardedAt);
    }

    private sealed record NoMerchant(int PlatformId);
}
