using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>A merchant of the fixture; everything but the masked first character is private.</summary>
public sealed record FixtureMerchant(string Email, string DisplayName, string StoreName, string Province, Gender? Gender);

/// <summary>What happens to a fixture case after it is filed.</summary>
public enum Story
{
    DraftOnly,

    /// <summary>Submitted and never taken up by a mediator: not counted anywhere public.</summary>
    SubmittedOnly,

    /// <summary>Taken up by a mediator and still under review: counted.</summary>
    Claimed,

    /// <summary>Claimed, then rejected: leaves the public counts.</summary>
    Rejected,

    /// <summary>Claimed, then withdrawn by the merchant: still counted, never in the feed.</summary>
    Withdrawn,

    /// <summary>Forwarded, answered before the first deadline, accepted (and scored when a score is given).</summary>
    AnsweredInTimeAccepted,

    /// <summary>Forwarded, reminded at the first deadline, answered after it, accepted.</summary>
    AnsweredLateAccepted,

    /// <summary>Forwarded, answered in time, contested, closed by the mediator without agreement.</summary>
    AnsweredInTimeContestedClosed,

    /// <summary>Forwarded and never answered: reminded, legal review, listed publicly as unanswered (不予评级).</summary>
    NeverAnswered,
}

/// <param name="AnswerAfter">From forwarding to the platform's answer.</param>
public sealed record FixtureCase(
    string Key,
    string Platform,
    DisputeType Type,
    FixtureMerchant Merchant,
    decimal Amount,
    string Currency,
    DateTimeOffset SubmittedAt,
    Story Story,
    TimeSpan AnswerAfter = default,
    int? Score = null,
    bool TitleIsPublic = false)
{
    public string Title => TitleIsPublic ? ReportFixture.PublicTitle : $"TITLE-SECRET-{Key} 不公开的标题";

    /// <summary>Text of this case that no public answer may contain.</summary>
    public IEnumerable<string> Secrets()
    {
        if (!TitleIsPublic)
        {
            yield return Title;
        }

        foreach (var prefix in new[] { "NARRATIVE", "WANT", "ORDER", "TRACKING", "NOTE", "ANSWER", "REASON", "PROGRAMME", "FROZEN-REASON", "MESSAGE" })
        {
            yield return $"{prefix}-SECRET-{Key}";
        }
    }
}

/// <summary>
/// The known cases of the public statistics tests, filed and moved through their lives with the domain's own
/// methods on the app's <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>: every step of every case
/// is replayed in time order, the clock set to the step's moment first, then all cases are saved.
/// Expected figures are written out by hand in the tests (see <c>Public/PublicStatsTests.cs</c>).
/// </summary>
public sealed class ReportFixture : IAsyncLifetime
{
    public const string PublicTitle = "公开标题：包裹退回未签收仍被判仅退款";

    public static readonly CaseWindows Windows = WindowClock.Durations;

    public static readonly FixtureMerchant LuMing = new("lu.ming@fixture.test", "卢明", "明记服饰批发", "CN-GD", Gender.Male);
    public static readonly FixtureMerchant WangFang = new("wang.fang@fixture.test", "王芳", "芳芳小店", "CN-ZJ", Gender.Female);
    public static readonly FixtureMerchant ZhangWei = new("zhang.wei@fixture.test", "张伟", "伟业商行", "CN-BJ", null);
    public static readonly FixtureMerchant LiNa = new("li.na@fixture.test", "李娜", "娜娜精品", "CN-SH", Gender.Female);
    public static readonly FixtureMerchant ChenJing = new("chen.jing@fixture.test", "陈静", "静好家居", "CN-JS", Gender.Female);

    public static IReadOnlyList<FixtureMerchant> Merchants { get; } = [LuMing, WangFang, ZhangWei, LiNa, ChenJing];

    private static readonly Actor Mediator = CaseSeeder.Mediator;

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 2, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    /// <summary>
    /// 2026 in China: 14 counted cases (c13 is a draft, c17 never claimed, c18 rejected; c15 falls in 2027 by one tick).
    /// c2/c3 straddle midnight UTC+8 between March and April; c14/c15 between 2026 and 2027.
    /// </summary>
    public static IReadOnlyList<FixtureCase> Cases { get; } =
    [
        new("c1", "1688", DisputeType.RefundOnly, LuMing, 1340.70m, "CNY", Utc(2026, 3, 5), Story.AnsweredInTimeAccepted,
            TimeSpan.FromHours(24), Score: 5, TitleIsPublic: true),
        // 23:59:59 on 31 March in China: March.
        new("c2", "1688", DisputeType.RefundOnly, LuMing, 99.99m, "CNY", Utc(2026, 3, 31, 15, 59, 59), Story.AnsweredLateAccepted,
            TimeSpan.FromHours(192)),
        // 00:00:00 on 1 April in China: April.
        new("c3", "1688", DisputeType.FrozenFunds, WangFang, 100.00m, "CNY", Utc(2026, 3, 31, 16), Story.AnsweredInTimeContestedClosed,
            TimeSpan.FromHours(48)),
        new("c4", "1688", DisputeType.ForcedFee, WangFang, 500.00m, "CNY", Utc(2026, 4, 10), Story.AnsweredInTimeAccepted,
            TimeSpan.FromHours(12), Score: 2),
        new("c5", "1688", DisputeType.RefundOnly, ZhangWei, 10_000.00m, "CNY", Utc(2026, 5, 1), Story.NeverAnswered),
        new("c6", "huobutou", DisputeType.FrozenFunds, LuMing, 5_000.00m, "CNY", Utc(2026, 6, 1), Story.NeverAnswered),
        new("c7", "huobutou", DisputeType.ForcedFee, LuMing, 4_999.99m, "CNY", Utc(2026, 6, 2), Story.NeverAnswered),
        new("c8", "pipiwang", DisputeType.RefundOnly, WangFang, 999.99m, "CNY", Utc(2026, 7, 1), Story.AnsweredInTimeAccepted,
            TimeSpan.FromHours(6)),
        new("c9", "pipiwang", DisputeType.FrozenFunds, LiNa, 9_999.99m, "CNY", Utc(2026, 7, 2), Story.AnsweredLateAccepted,
            TimeSpan.FromHours(170), Score: 4),
        new("c10", "aliexpress", DisputeType.RefundOnly, LiNa, 250.00m, "USD", Utc(2026, 8, 1), Story.Claimed),
        new("c11", "aliexpress", DisputeType.RefundOnly, LuMing, 1_000.00m, "CNY", Utc(2026, 8, 2), Story.Claimed),
        new("c12", "aliexpress", DisputeType.ForcedFee, ZhangWei, 0.00m, "CNY", Utc(2026, 8, 3), Story.Withdrawn),
        new("c13", "1688", DisputeType.RefundOnly, LuMing, 777.77m, "CNY", Utc(2026, 3, 10), Story.DraftOnly),
        // 23:59:59.9999999 on 31 December in China: still 2026.
        new("c14", "taobao", DisputeType.RefundOnly, LuMing, 50.00m, "CNY", Utc(2026, 12, 31, 15, 59, 59).AddTicks(9_999_999), Story.Claimed),
        // Midnight, New Year in China: 2027.
        new("c15", "taobao", DisputeType.RefundOnly, LuMing, 50.00m, "CNY", Utc(2026, 12, 31, 16), Story.Claimed),
        new("c16", "pinduoduo", DisputeType.FrozenFunds, ChenJing, 100_000.00m, "CNY", Utc(2026, 3, 20), Story.Claimed),
        // Never counted: a filing no mediator took up, and one rejected after review.
        new("c17", "1688", DisputeType.RefundOnly, LuMing, 2_000.00m, "CNY", Utc(2026, 3, 6), Story.SubmittedOnly),
        new("c18", "1688", DisputeType.ForcedFee, WangFang, 300.00m, "CNY", Utc(2026, 4, 11), Story.Rejected),
        .. RoundingYear(),
    ];

    /// <summary>2028, JD only: 32 cases whose shares land on exact halves at the third decimal (1/32 = 3.125 %, 3/32 = 9.375 %).</summary>
    private static IEnumerable<FixtureCase> RoundingYear() =>
        Enumerable.Range(0, 32).Select(i => new FixtureCase(
            $"r{i}",
            "jd",
            i switch { 0 => DisputeType.RefundOnly, <= 3 => DisputeType.FrozenFunds, _ => DisputeType.ForcedFee },
            i < 4 ? WangFang : LuMing,
            1m + i,
            "CNY",
            Utc(2028, 2, 1).AddHours(i),
            Story.Claimed));

    public DisputesAppFactory App { get; } = new();

    /// <summary>Every string no public answer may contain: emails, store names, full names, case free text, notes.</summary>
    public IReadOnlyList<string> Secrets { get; } =
    [
        .. Merchants.SelectMany(m => new[] { m.Email, m.StoreName, m.DisplayName }),
        .. Cases.SelectMany(c => c.Secrets()),
        "1340.7", "1,340.70", "9999.99", "9,999.99",
    ];

    public async Task InitializeAsync()
    {
        var merchantIds = await CreateMerchantsAsync();
        var platformIds = await App.WithDbAsync(db => db.Platforms.ToDictionaryAsync(p => p.Slug, p => p.Id));
        var disputes = new Dispute?[Cases.Count];
        var steps = Cases.SelectMany((spec, index) => Steps(spec, platformIds[spec.Platform], merchantIds[spec.Merchant.Email])
            .Select(step => (step.At, Index: index, step.Act)))
            .OrderBy(s => s.At) // stable: same moment keeps case and step order
            .ToList();

        foreach (var (at, index, act) in steps)
        {
            App.Clock.SetUtcNow(at);
            disputes[index] = act(disputes[index], App.Clock.GetUtcNow());
        }

        await App.WithDbAsync(async db =>
        {
            db.Disputes.AddRange(disputes.Select(d => d!));
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    private async Task<Dictionary<string, Guid>> CreateMerchantsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var m in Merchants)
        {
            var user = new ApplicationUser
            {
                Email = m.Email, UserName = m.Email, EmailConfirmed = true, CreatedAt = App.Clock.GetUtcNow(),
            };
            AccountService.Apply(user, new MerchantProfile(m.DisplayName, m.StoreName, m.Province, m.Gender));
            Assert.True((await users.CreateAsync(user, Session.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Merchant)).Succeeded);
            ids[m.Email] = user.Id;
        }

        return ids;
    }

    private delegate Dispute Act(Dispute? dispute, DateTimeOffset now);

    private static IEnumerable<(DateTimeOffset At, Act Act)> Steps(FixtureCase c, int platformId, Guid merchantId)
    {
        var merchant = Actor.Merchant(merchantId);
        var agent = new Actor(Guid.NewGuid(), Roles.PlatformAgent, platformId);
        var t0 = c.SubmittedAt;
        yield return (t0, (_, now) =>
        {
            var d = Dispute.Open($"MD-FIX-{c.Key}", merchantId, c.Merchant.Province, Content(c, platformId), now, c.Merchant.Gender);
            if (c.Story != Story.DraftOnly)
            {
                d.Submit(merchant, evidenceCount: 1, now);
            }

            return d;
        });

        switch (c.Story)
        {
            case Story.DraftOnly or Story.SubmittedOnly:
                yield break;
            case Story.Claimed:
                yield return (t0.AddHours(1), (d, now) => Do(d, x => x.Claim(Mediator, now)));
                yield break;
            case Story.Rejected:
                yield return (t0.AddHours(1), (d, now) => Do(d, x =>
                {
                    x.Claim(Mediator, now);
                    x.Say(Mediator, "Message", $"NOTE-SECRET-{c.Key} 内部备注", TimelineAudience.Staff, now);
                    x.Reject(Mediator, $"REASON-SECRET-{c.Key} 不予受理", now);
                }));
                yield break;
            case Story.Withdrawn:
                yield return (t0.AddHours(1), (d, now) => Do(d, x =>
                {
                    x.Claim(Mediator, now);
                    x.Withdraw(merchant, $"REASON-SECRET-{c.Key} 已和解", now);
                }));
                yield break;
        }

        var forwarded = t0.AddDays(1);
        yield return (forwarded, (d, now) => Do(d, x =>
        {
            x.Claim(Mediator, now);
            x.Say(Mediator, "Message", $"NOTE-SECRET-{c.Key} 内部备注：商家情绪激动", TimelineAudience.Staff, now);
            x.Say(merchant, "Message", $"MESSAGE-SECRET-{c.Key} 补充说明", TimelineAudience.Everyone, now);
            x.Forward(Mediator, null, Windows, now);
        }));

        if (c.Story == Story.NeverAnswered)
        {
            // The sweep's four steps, each at its deadline.
            var due = forwarded + Windows.PlatformResponse.Duration;
            var reminded = due + Windows.Reminder.Duration;
            var noticed = reminded + Windows.LegalReview.Duration;
            foreach (var step in new[] { due, reminded, noticed, noticed + Windows.FinalNotice.Duration })
            {
                yield return (step, (d, now) => Do(d, x => Assert.True(x.Escalate(Windows, now))));
            }

            yield break;
        }

        var answered = forwarded + c.AnswerAfter;
        if (c.Story == Story.AnsweredLateAccepted)
        {
            Assert.True(c.AnswerAfter > Windows.PlatformResponse.Duration);
            yield return (forwarded + Windows.PlatformResponse.Duration, (d, now) => Do(d, x => Assert.True(x.Escalate(Windows, now))));
        }
        else
        {
            Assert.True(c.AnswerAfter < Windows.PlatformResponse.Duration);
        }

        var outcome = c.Story == Story.AnsweredInTimeContestedClosed ? PlatformOutcome.Upheld : PlatformOutcome.Reversed;
        yield return (answered, (d, now) => Do(d, x => x.RespondAsPlatform(agent, outcome, $"ANSWER-SECRET-{c.Key} 平台答复", Windows, now)));

        if (c.Story == Story.AnsweredInTimeContestedClosed)
        {
            yield return (answered.AddHours(1), (d, now) => Do(d, x => x.Contest(merchant, $"REASON-SECRET-{c.Key} 不同意", now)));
            yield return (answered.AddHours(2), (d, now) => Do(d, x => x.Close(Mediator, $"REASON-SECRET-{c.Key} 无法达成一致", now)));
            yield break;
        }

        yield return (answered.AddHours(1), (d, now) => Do(d, x => x.Accept(merchant, now)));
        if (c.Score is { } score)
        {
            yield return (answered.AddHours(2), (d, now) => Do(d, x => x.Rate(merchant, score, $"REASON-SECRET-{c.Key} 评价", now)));
        }
    }

    private static Dispute Do(Dispute? dispute, Action<Dispute> act)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        act(dispute);
        return dispute;
    }

    private static DisputeContent Content(FixtureCase c, int platformId) => new(
        platformId,
        c.Type,
        c.Title,
        c.TitleIsPublic,
        $"NARRATIVE-SECRET-{c.Key} 买家拒收，包裹退回未签收。",
        c.Amount,
        c.Currency,
        $"WANT-SECRET-{c.Key} 撤销判罚",
        c.Type == DisputeType.RefundOnly
            ? new RefundOnlyDetails($"ORDER-SECRET-{c.Key}", null, c.Amount, LogisticsStatus.ReturnedUndelivered, $"TRACKING-SECRET-{c.Key}")
            : null,
        c.Type == DisputeType.FrozenFunds ? new FrozenFundsDetails(c.Amount, new DateOnly(2026, 1, 5), 36_500, $"FROZEN-REASON-SECRET-{c.Key}") : null,
        c.Type == DisputeType.ForcedFee ? new ForcedFeeDetails($"PROGRAMME-SECRET-{c.Key}", c.Amount, null, false, null) : null);
}
