using System.Text.Json;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Geography;
using MerchantDisputes.Domain.Statistics;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// The kept counts against the cases themselves, over random cases that go through their lives in several saves (filed,
/// later claimed, answered, rejected, withdrawn, rated): the counters equal the full computation, and the statistics
/// read from them equal the figures computed here from the same cases, by hand-written LINQ.
/// </summary>
public sealed class PublicTalliesTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private static readonly Actor Mediator = CaseSeeder.Mediator;
    private static readonly CaseWindows Windows = CaseWindows.Default;
    private static readonly string[] Currencies = ["CNY", "CNY", "CNY", "USD"];

    [Theory]
    [InlineData(20261)]
    [InlineData(20262)]
    [InlineData(20263)]
    public async Task Statistics_from_the_kept_counts_equal_the_full_computation_over_random_cases(int seed)
    {
        var random = new Random(seed);
        var year = 2030 + (seed % 10);
        var email = $"tallies-{seed}@example.test";
        await Session.NewMerchantAsync(app, email);
        var merchantId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var ids = new List<Guid>();

        // First save: filed (some drafts), submitted, some claimed.
        await SaveAsync(db =>
        {
            for (var i = 0; i < 240; i++)
            {
                var d = File(random, seed, i, merchantId, year);
                db.Disputes.Add(d);
                ids.Add(d.Id);
            }
        });

        // Later saves move the stored cases on, the way the app's commands do: load, act, save.
        for (var round = 0; round < 3; round++)
        {
            await SaveAsync(async db =>
            {
                var tracked = await db.Disputes.Where(d => ids.Contains(d.Id)).ToListAsync();
                foreach (var d in tracked)
                {
                    Step(random, d, merchantId);
                }
            });
        }

        var cases = await app.WithDbAsync(db => db.Disputes.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync());
        var kept = await app.WithDbAsync(db => db.PublicTallies.AsNoTracking().Where(t => t.Count != 0).ToListAsync());
        var computed = await app.WithDbAsync(db => PublicTallyUpdates.ComputeAsync(db, CancellationToken.None));

        Assert.Equal(
            computed.OrderBy(c => c.Key.ToString()).Select(c => (c.Key, c.Value)),
            kept.Select(t => (new TallyKey(t.Period, t.PlatformId, t.Dimension, t.Key), t.Count)).OrderBy(c => c.Item1.ToString()));
        var counted = cases.Where(d => d.SubmittedPeriod / 100 == year && d.AssignedMediatorId != null && d.Status != DisputeStatus.Rejected).ToList();
        Assert.InRange(counted.Count, 60, 240);
        AssertYear(counted, await PublicJson.GetAsync(app, $"/api/v1/public/stats?year={year}"));
        foreach (var slug in new[] { "1688", "taobao" })
        {
            var platformId = await app.WithDbAsync(db => db.Platforms.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
            AssertYear(counted.Where(d => d.PlatformId == platformId).ToList(), await PublicJson.GetAsync(app, $"/api/v1/public/stats?year={year}&platform={slug}"));
        }
    }

    private static void AssertYear(List<Dispute> counted, JsonElement stats)
    {
        Assert.Equal(counted.Count, stats.GetProperty("totalCases").GetInt32());
        foreach (var type in Enum.GetValues<DisputeType>())
        {
            Assert.Equal(counted.Count(d => d.Type == type), stats.GetProperty("byType").Share(type.ToString()).Count);
        }

        foreach (var province in Provinces.All)
        {
            Assert.Equal(counted.Count(d => d.Region == province.Code), stats.GetProperty("byProvince").GetProperty("all").Share(province.Code).Count);
        }

        Assert.Equal(counted.Count(d => d.MerchantGender == Gender.Male), stats.GetProperty("byGender").Share("Male").Count);
        Assert.Equal(counted.Count(d => d.MerchantGender == null), stats.GetProperty("byGender").Share("Unstated").Count);
        var amounts = stats.GetProperty("byAmount");
        Assert.Equal(counted.Count(d => d.Currency != "CNY"), amounts.GetProperty("nonCnyExcluded").GetInt32());
        Assert.Equal(
            AmountBrackets.All.Select(b => counted.Count(d => d.Currency == "CNY" && AmountBrackets.Of(d.Amount) == b)),
            amounts.GetProperty("brackets").EnumerateArray().Select(b => b.GetProperty("count").GetInt32()));

        foreach (var row in stats.GetProperty("platforms").EnumerateArray())
        {
            var mine = counted.Where(d => row.GetProperty("slug").GetString() == Slug(d.PlatformId)).ToList();
            Assert.Equal(mine.Count, row.GetProperty("cases").GetInt32());
            Assert.Equal(mine.Count(d => d.ForwardedAt != null), row.GetProperty("forwarded").GetInt32());
            Assert.Equal(mine.Count(d => d.TimeToFirstAnswer != null), row.GetProperty("answered").GetInt32());
            Assert.Equal(mine.Count(d => d.TimeToFirstAnswer != null && d.AnsweredBeforeFirstDeadline), row.GetProperty("answeredInTime").GetInt32());
            Assert.Equal(Median(mine), row.NullableDecimal("medianHoursToAnswer"));
            foreach (var rating in Enum.GetValues<CaseRating>())
            {
                Assert.Equal(mine.Count(d => d.Rating == rating), row.GetProperty("rating").GetProperty("counts").GetProperty(rating.ToString()).GetInt32());
            }
        }
    }

    /// <summary>The median of whole answer hours, written out: sort, take the middle one or two, half to even.</summary>
    private static decimal? Median(List<Dispute> cases)
    {
        var hours = cases.Where(d => d.TimeToFirstAnswer != null).Select(d => (int)d.TimeToFirstAnswer!.Value.TotalHours).Order().ToList();
        return hours.Count == 0 ? null : Math.Round((hours[(hours.Count - 1) / 2] + hours[hours.Count / 2]) / 2m, 1, MidpointRounding.ToEven);
    }

    private static string Slug(int platformId) => Domain.Platforms.Platform.Seed.Single(p => p.Id == platformId).Slug;

    private static Dispute File(Random random, int seed, int i, Guid merchantId, int year)
    {
        var submitted = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 365 * 24 * 60)).AddHours(-8);
        var platform = Domain.Platforms.Platform.Seed[random.Next(Domain.Platforms.Platform.Seed.Count)];
        var type = (DisputeType)random.Next(3);
        var amount = decimal.Round((decimal)Math.Pow(10, random.NextDouble() * 5), 2);
        var content = new DisputeContent(
            platform.Id, type, $"T{seed}-{i}", random.Next(2) == 0, "N", amount, Currencies[random.Next(Currencies.Length)], "W",
            type == DisputeType.RefundOnly ? new RefundOnlyDetails($"O{i}", null, amount, LogisticsStatus.ReturnedUndelivered, null) : null,
            type == DisputeType.FrozenFunds ? new FrozenFundsDetails(amount, new DateOnly(2026, 1, 5), null, null) : null,
            type == DisputeType.ForcedFee ? new ForcedFeeDetails("P", amount, null, false, null) : null);
        Gender?[] genders = [Gender.Male, Gender.Female, null];
        var d = Dispute.Open($"MD-T{seed}-{i}", merchantId, Provinces.All[random.Next(Provinces.All.Count)].Code, content, submitted, genders[random.Next(3)]);
        if (random.Next(10) > 0)
        {
            d.Submit(Actor.Merchant(merchantId), 1, submitted);
        }

        return d;
    }

    /// <summary>One random move the case may make in its status, at a time after its last one.</summary>
    private static void Step(Random random, Dispute d, Guid merchantId)
    {
        var merchant = Actor.Merchant(merchantId);
        var agent = new Actor(Guid.NewGuid(), Roles.PlatformAgent, d.PlatformId);
        var now = d.UpdatedAt.AddMinutes(random.Next(30, 14 * 24 * 60));
        var roll = random.Next(10);
        switch (d.Status)
        {
            case DisputeStatus.Submitted when roll < 7:
                d.Claim(Mediator, now);
                break;
            case DisputeStatus.Submitted when roll == 7:
                d.Withdraw(merchant, null, now);
                break;
            case DisputeStatus.UnderReview when roll < 6:
                d.Forward(Mediator, null, Windows, now);
                break;
            case DisputeStatus.UnderReview when roll < 8:
                d.Reject(Mediator, "不予受理", now);
                break;
            case DisputeStatus.UnderReview when roll == 8:
                d.Withdraw(merchant, null, now);
                break;
            case DisputeStatus.AwaitingPlatform when roll < 7:
                d.RespondAsPlatform(agent, (PlatformOutcome)(1 + random.Next(3)), "答复", Windows, now);
                break;
            case DisputeStatus.AwaitingPlatform:
                d.Escalate(Windows, d.RespondBy!.Value);
                break;
            case DisputeStatus.PlatformResponded when roll < 5:
                d.Accept(merchant, now);
                break;
            case DisputeStatus.PlatformResponded when roll < 8:
                d.Contest(merchant, "不同意", now);
                break;
            case DisputeStatus.Resolved when roll < 5 && d.MerchantScore is null:
                d.Rate(merchant, 1 + random.Next(5), null, now);
                break;
        }
    }

    private async Task SaveAsync(Action<DisputesDbContext> work) => await SaveAsync(db =>
    {
        work(db);
        return Task.CompletedTask;
    });

    private async Task SaveAsync(Func<DisputesDbContext, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        await work(db);
        await db.SaveChangesAsync();
    }
}
