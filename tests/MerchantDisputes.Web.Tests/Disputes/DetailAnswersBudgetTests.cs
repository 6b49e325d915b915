using System.Text;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Disputes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Web.Tests.Disputes;

/// <summary>What <see cref="DetailAnswers"/> keeps, driven directly on a fake clock.</summary>
public sealed class DetailAnswersBudgetTests
{
    private static readonly Actor Mediator = new(Guid.NewGuid(), Roles.Mediator);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_answer_is_found_only_for_the_version_and_platform_name_it_was_written_from()
    {
        using var answers = Answers();
        var dispute = ADispute(version: 3);
        var body = answers.Add(dispute.Id, Mediator, dispute);

        Assert.Same(body, Find(answers, dispute.Id, StampOf(dispute)));
        Assert.Null(Find(answers, dispute.Id, StampOf(dispute) with { Version = 4 }));
        Assert.Null(Find(answers, dispute.Id, StampOf(dispute) with { PlatformNameEn = "Renamed", PlatformNameZh = "改名" }));
        Assert.Null(Find(answers, Guid.NewGuid(), StampOf(dispute)));
    }

    [Fact]
    public void A_slower_reader_of_an_older_version_does_not_replace_the_newer_answer()
    {
        using var answers = Answers();
        var newer = ADispute(version: 5);
        var older = newer with { Version = 4, Title = "older" };

        answers.Add(newer.Id, Mediator, newer);
        var servedToTheSlowReader = answers.Add(older.Id, Mediator, older);

        Assert.NotNull(Find(answers, newer.Id, StampOf(newer)));
        Assert.Null(Find(answers, older.Id, StampOf(older)));
        Assert.Contains("\"older\"", Encoding.UTF8.GetString(servedToTheSlowReader), StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_unread_for_ten_minutes_goes_and_one_read_meanwhile_stays()
    {
        using var answers = Answers();
        var (read, unread) = (ADispute(version: 1), ADispute(version: 1));
        answers.Add(read.Id, Mediator, read);
        answers.Add(unread.Id, Mediator, unread);

        _clock.Advance(DetailAnswers.ColdAfter - TimeSpan.FromMinutes(1));
        Assert.NotNull(Find(answers, read.Id, StampOf(read)));
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.NotNull(Find(answers, read.Id, StampOf(read)));
        Assert.Null(Find(answers, unread.Id, StampOf(unread)));
    }

    [Fact]
    public void A_full_budget_of_bytes_serves_a_new_answer_without_keeping_it()
    {
        var cases = Enumerable.Range(0, 4).Select(_ => ADispute(version: 1)).ToList();
        using var answers = Answers(maxKeptBytes: Body(cases[0]).Length * 3);
        foreach (var dispute in cases.Take(3))
        {
            answers.Add(dispute.Id, Mediator, dispute);
        }

        var served = answers.Add(cases[3].Id, Mediator, cases[3]);

        Assert.NotEmpty(served);
        Assert.Null(Find(answers, cases[3].Id, StampOf(cases[3])));
    }

    [Fact]
    public void A_newer_version_takes_the_place_and_the_bytes_of_the_older_one()
    {
        var (first, other) = (ADispute(version: 1), ADispute(version: 1));
        using var answers = Answers(maxKeptBytes: Body(first).Length * 2);

        answers.Add(first.Id, Mediator, first);
        answers.Add(first.Id, Mediator, first with { Version = 2 });
        answers.Add(first.Id, Mediator, first with { Version = 3 });
        answers.Add(other.Id, Mediator, other);

        Assert.Equal(2, answers.Count); // counted once each: the third version replaced the first two within the budget
        Assert.NotNull(Find(answers, first.Id, StampOf(first) with { Version = 3 }));
        Assert.NotNull(Find(answers, other.Id, StampOf(other)));
    }

    private DetailAnswers Answers(long maxKeptBytes = DetailAnswers.DefaultMaxCachedBytes) =>
        new(Options.Create(new JsonOptions()), _clock, maxKeptBytes);

    private static byte[]? Find(DetailAnswers answers, Guid id, CaseVersion version) =>
        answers.Find(id, Mediator) is { } cached ? answers.Current(cached, version) : null;

    private byte[] Body(DisputeDto dispute)
    {
        using var answers = Answers();
        return answers.Add(dispute.Id, Mediator, dispute);
    }

    private static CaseVersion StampOf(DisputeDto dispute) => new(
        dispute.Version, dispute.PlatformName, dispute.PlatformName, Guid.NewGuid(), 1, dispute.Status, dispute.EscalationLevel,
        dispute.SubmittedAt, dispute.ForwardedAt);

    private static DisputeDto ADispute(int version) => new()
    {
        Id = Guid.NewGuid(),
        CaseNumber = "MD-2026-000001",
        Platform = "1688",
        PlatformName = "1688",
        Type = DisputeType.RefundOnly,
        Title = "仅退款 charged to the merchant",
        TitleIsPublic = false,
        Narrative = "The buyer kept the goods.",
        Amount = 129.50m,
        Currency = "CNY",
        DesiredOutcome = "Refund reversed",
        Region = "CN-ZJ",
        Status = DisputeStatus.Submitted,
        EscalationLevel = EscalationLevel.None,
        RespondBy = null,
        Rating = null,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        SubmittedAt = DateTimeOffset.UnixEpoch,
        Version = version,
    };
}
