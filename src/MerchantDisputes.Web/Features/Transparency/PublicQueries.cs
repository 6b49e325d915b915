using System.Globalization;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Geography;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Statistics;
using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>
/// Everything the public sees. Statistics and rankings read the kept counts (<see cref="PublicTallies"/>: a case counts
/// once a mediator has claimed it and until it is rejected, by its submission year or month in China Standard Time),
/// never the cases themselves; the feed lists claimed cases that are neither rejected nor withdrawn.
/// </summary>
public sealed class PublicQueries(DisputesDbContext db, TimeProvider clock, IStringLocalizerFactory localizers)
{
    private readonly IStringLocalizer _t = localizers.Create(typeof(SharedResource));

    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The feed is for recent cases; the statistics cover the rest. Deeper pages would only cost OFFSET scans.</summary>
    public const int MaxPage = 500;

    public const int TopCount = 10;

    private static CultureInfo Culture => CultureInfo.CurrentUICulture;

    public DateOnly TodayInChina => ChinaTime.Today(clock.GetUtcNow());

    public async Task<Platform?> FindPlatformAsync(string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var trimmed = slug.Trim();
        return await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == trimmed, cancellationToken);
    }

    /// <summary>The active platforms, for links to their pages.</summary>
    public async Task<IReadOnlyList<PlatformRefDto>> PlatformRefsAsync(CancellationToken cancellationToken)
    {
        var platforms = await db.Platforms.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return platforms.Select(PlatformRef).ToList();
    }

    public async Task<FeedPageDto> FeedAsync(int? platformId, int page, int pageSize, CancellationToken cancellationToken)
    {
        // A case is listed once a mediator has taken it up (never an unreviewed filing, so one merchant cannot fill
        // the feed), and leaves the list when it is rejected or withdrawn (a merchant may withdraw for fear of
        // retaliation: their masked name and province must not stay up).
        var query = db.Disputes.AsNoTracking().Where(d => d.SubmittedAt != null && d.AssignedMediatorId != null
            && d.Status != DisputeStatus.Rejected && d.Status != DisputeStatus.Withdrawn);
        if (platformId is { } id)
        {
            query = query.Where(d => d.PlatformId == id);
        }

        // The title leaves the database only when the merchant made it public and a mediator approved it (else a neutral
        // text of type and platform stands in); the name only when they consented to be named, and then only to be
        // masked below.
        var rows = await query
            .OrderByDescending(d => d.SubmittedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .Join(db.Users, d => d.MerchantId, u => u.Id, (d, u) => new
            {
                d.PlatformId, d.Type, d.Region, DisplayName = u.PublicNameConsent ? u.DisplayName : null, Deleted = u.DeletedAt != null,
                d.SubmittedAt, d.Status, d.EscalationLevel, Title = d.TitleIsPublic && d.TitleApprovedAt != null ? d.Title : null,
                d.ForwardedAt, d.RemindedAt, d.FinalNoticeAt,
            })
            .ToListAsync(cancellationToken);
        var platforms = await PlatformsAsync(cancellationToken);
        var items = rows.Take(pageSize).Select(r => new FeedItemDto(
            PlatformRef(platforms[r.PlatformId]),
            r.Type,
            _t["Type." + r.Type],
            ProvinceRef(r.Region),
            r.Deleted ? _t["Merchant.Deleted"].Value
                : r.DisplayName is null ? _t["Public.Feed.ProvinceMerchant", ProvinceRef(r.Region).Name].Value : PublicName.Masked(r.DisplayName),
            ChinaTime.Today(r.SubmittedAt!.Value),
            r.Status,
            _t["Status." + r.Status],
            r.EscalationLevel == EscalationLevel.PublicNoResponse,
            r.Title ?? NeutralTitle(r.Type, platforms[r.PlatformId]),
            r.Title is not null,
            r.EscalationLevel == EscalationLevel.PublicNoResponse
                ? new UnansweredListingDto(Day(r.ForwardedAt), Day(r.RemindedAt), Day(r.FinalNoticeAt))
                : null)).ToList();
        return new FeedPageDto(items, page, pageSize, rows.Count > pageSize);
    }

    private static DateOnly? Day(DateTimeOffset? instant) => instant is { } value ? ChinaTime.Today(value) : null;

    /// <summary>
    /// Below this many cases a view shows its total only: a distribution of three cases in one province points at the
    /// merchants behind them.
    /// </summary>
    public const int MinCasesForBreakdown = 5;

    public async Task<YearStatsDto> YearAsync(int year, Platform? platform, CancellationToken cancellationToken)
    {
        var tallies = await TalliesAsync(PublicTallies.YearPeriod(year), platform?.Id, null, cancellationToken);
        var total = tallies.Where(t => t.Dimension == TallyDimension.Type).Sum(t => t.Count);
        var from = ChinaTime.StartOfYear(year);
        var to = ChinaTime.StartOfYear(year + 1);
        var platformRef = platform is null ? null : PlatformRef(platform);
        if (total < MinCasesForBreakdown)
        {
            return new YearStatsDto(
                year, platformRef, from, to, total, [], new ProvinceDistributionDto([], [], 0), [],
                new AmountDistributionDto(AmountBrackets.Currency, 0, 0, "ExcludedFromBrackets", string.Empty, []), [], Definitions())
            {
                BreakdownWithheld = true,
            };
        }

        var types = Sum(tallies, TallyDimension.Type, Enum.Parse<DisputeType>);
        var regions = Sum(tallies, TallyDimension.Region, k => k);
        var genders = Sum(tallies, TallyDimension.Gender, k => k);
        var amounts = Sum(tallies, TallyDimension.Amount, k => int.Parse(k, CultureInfo.InvariantCulture));
        var platforms = await PlatformsAsync(cancellationToken);
        var cards = Outcomes(tallies).GroupBy(o => o.PlatformId).ToDictionary(g => g.Key, PlatformScorecard.From);
        if (platform is not null)
        {
            cards.TryAdd(platform.Id, PlatformScorecard.Empty);
        }

        var rows = Ranked(cards).Select(r =>
        {
            var (card, rank, platformId) = r;
            var median = PublicTallies.MedianHours(tallies
                .Where(t => t.PlatformId == platformId && t.Dimension == TallyDimension.AnswerHours)
                .Select(t => (int.Parse(t.Key, CultureInfo.InvariantCulture), t.Count)));
            var p = platforms[platformId];
            return new PlatformRowDto(
                rank, p.Slug, p.Name(Culture), card.Cases, Percent.Of(card.Cases, total), card.Forwarded, card.Answered,
                card.AnsweredInTime, card.ResponseRate, card.TimelyResponseRate, median, card.Judged, card.Satisfied, Rating(card));
        }).ToList();

        return new YearStatsDto(
            year,
            platformRef,
            from,
            to,
            total,
            Enum.GetValues<DisputeType>().Select(type => Share(type.ToString(), _t["Type." + type], types.GetValueOrDefault(type), total)).ToList(),
            ProvinceDistribution(regions.Select(r => (r.Key, r.Value)), total),
            GenderDistribution(genders, total),
            AmountDistribution(amounts),
            rows,
            Definitions());
    }

    public async Task<RankingDto> RankingAsync(int year, int month, CancellationToken cancellationToken)
    {
        var period = year * 100 + month;
        var tallies = await TalliesAsync(period, null, TallyDimension.Outcome, cancellationToken);
        var cards = Outcomes(tallies).GroupBy(o => o.PlatformId).ToDictionary(g => g.Key, PlatformScorecard.From);
        var total = cards.Values.Sum(c => c.Cases);
        var platforms = await PlatformsAsync(cancellationToken);
        var rows = Ranked(cards).Take(TopCount).Select(r =>
        {
            var p = platforms[r.PlatformId];
            return new RankingRowDto(r.Rank, p.Slug, p.Name(Culture), r.Card.Cases, Percent.Of(r.Card.Cases, total), Rating(r.Card));
        }).ToList();
        var from = ChinaTime.StartOfMonth(year, month);
        return new RankingDto(
            string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}"), from, from.AddMonths(1), total, rows);
    }

    /// <summary>What the public reads instead of a title no mediator approved: "1688 · 仅退款申诉".</summary>
    private string NeutralTitle(DisputeType type, Platform platform) => _t["Public.NeutralTitle", platform.Name(Culture), _t["Type." + type]];

    public string RatingName(CaseRating? rating) => _t[rating is { } r ? "Public.Rating." + r : "Public.Rating.None"];

    public DefinitionsDto Definitions() => new(
        _t["Public.Def.Period"],
        _t["Public.Def.Percent"],
        _t["Public.Def.ResponseRate"],
        _t["Public.Def.TimelyResponseRate"],
        _t["Public.Def.Satisfaction", PlatformScorecard.SatisfiedFromScore],
        _t["Public.Def.MedianHours"],
        _t["Public.Def.Rating"],
        _t["Public.Def.AmountBrackets"]);

    /// <summary>
    /// The kept counts of one period (a year, YYYY00, or a month), per platform, dimension and key: one range read of
    /// <c>PublicTallies</c>' primary key, a few thousand rows for a year whatever the number of cases, no GROUP BY.
    /// </summary>
    private async Task<List<TallySum>> TalliesAsync(int period, int? platformId, TallyDimension? dimension, CancellationToken cancellationToken)
    {
        var query = db.PublicTallies.AsNoTracking().Where(t => t.Period == period && t.Count != 0);
        if (platformId is { } id)
        {
            query = query.Where(t => t.PlatformId == id);
        }

        if (dimension is { } only)
        {
            query = query.Where(t => t.Dimension == only);
        }

        return await query.Select(t => new TallySum(t.PlatformId, t.Dimension, t.Key, t.Count)).ToListAsync(cancellationToken);
    }

    private static Dictionary<TKey, int> Sum<TKey>(List<TallySum> tallies, TallyDimension dimension, Func<string, TKey> parse)
        where TKey : notnull =>
        tallies.Where(t => t.Dimension == dimension).GroupBy(t => parse(t.Key)).ToDictionary(g => g.Key, g => g.Sum(t => t.Count));

    private static IEnumerable<OutcomeTally> Outcomes(List<TallySum> tallies) =>
        tallies.Where(t => t.Dimension == TallyDimension.Outcome).Select(t => PublicTallies.Outcome(t.PlatformId, t.Key, t.Count));

    private sealed record TallySum(int PlatformId, TallyDimension Dimension, string Key, int Count);

    /// <summary>By case volume, ties in platform order, sharing a rank (1, 2, 2, 4); platforms without cases are left out.</summary>
    private static IEnumerable<(PlatformScorecard Card, int Rank, int PlatformId)> Ranked(Dictionary<int, PlatformScorecard> cards)
    {
        var ordered = cards.OrderByDescending(c => c.Value.Cases).ThenBy(c => c.Key).ToList();
        return ordered.Select(c => (c.Value, 1 + ordered.Count(o => o.Value.Cases > c.Value.Cases), c.Key));
    }

    private RatingDto Rating(PlatformScorecard card) => new(
        card.Rating,
        RatingName(card.Rating),
        card.RatingCounts,
        new FactorsDto(card.ResponseRate, card.TimelyResponseRate, card.Satisfaction));

    private static ProvinceDistributionDto ProvinceDistribution(IEnumerable<(string Code, int Count)> regions, int total)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var unknown = 0;
        foreach (var (code, count) in regions)
        {
            if (Provinces.Find(code) is { } province)
            {
                counts[province.Code] = counts.GetValueOrDefault(province.Code) + count;
            }
            else
            {
                unknown += count;
            }
        }

        var all = Provinces.All.Select(p => Share(p.Code, p.Name(Culture), counts.GetValueOrDefault(p.Code), total)).ToList();

        // OrderByDescending is stable: equal counts keep the official order.
        var top = all.Where(s => s.Count > 0).OrderByDescending(s => s.Count).Take(TopCount).ToList();
        return new ProvinceDistributionDto(all, top, unknown);
    }

    /// <summary>By the tallies' gender key: the enum name, or empty when the merchant did not say.</summary>
    private List<ShareDto> GenderDistribution(Dictionary<string, int> genders, int total) =>
    [
        Share(nameof(Gender.Male), _t["Gender.Male"], genders.GetValueOrDefault(nameof(Gender.Male)), total),
        Share(nameof(Gender.Female), _t["Gender.Female"], genders.GetValueOrDefault(nameof(Gender.Female)), total),
        Share("Unstated", _t["Public.Gender.Unstated"], genders.GetValueOrDefault(string.Empty), total),
    ];

    private AmountDistributionDto AmountDistribution(Dictionary<int, int> byBracket)
    {
        var nonCny = byBracket.GetValueOrDefault(-1);
        var cny = byBracket.Where(b => b.Key >= 0).Sum(b => b.Value);
        var brackets = AmountBrackets.All.Select(b =>
        {
            var count = byBracket.GetValueOrDefault((int)b);
            return new AmountBracketShareDto(
                BracketKey(b), _t["Public.Amount." + b], AmountBrackets.LowerBound(b), AmountBrackets.UpperBound(b), count, Percent.Of(count, cny));
        }).ToList();
        return new AmountDistributionDto(
            AmountBrackets.Currency, cny, nonCny, "ExcludedFromBrackets", _t["Public.Amount.NonCnyNote", nonCny], brackets);
    }

    /// <summary>"0-100", "100-500" … "10000+": stable keys for clients, whatever the language.</summary>
    public static string BracketKey(AmountBracket bracket) =>
        AmountBrackets.UpperBound(bracket) is { } upper
            ? string.Create(CultureInfo.InvariantCulture, $"{AmountBrackets.LowerBound(bracket):0}-{upper:0}")
            : string.Create(CultureInfo.InvariantCulture, $"{AmountBrackets.LowerBound(bracket):0}+");

    private static ShareDto Share(string key, string name, int count, int total) => new(key, name, count, Percent.Of(count, total));

    private async Task<Dictionary<int, Platform>> PlatformsAsync(CancellationToken cancellationToken) =>
        await db.Platforms.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);

    private static PlatformRefDto PlatformRef(Platform platform) => new(platform.Slug, platform.Name(Culture));

    private static ProvinceRefDto ProvinceRef(string code) =>
        Provinces.Find(code) is { } province ? new(province.Code, province.Name(Culture)) : new(code, code);
}
