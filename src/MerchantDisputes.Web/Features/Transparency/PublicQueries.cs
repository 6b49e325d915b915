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
/// Everything the public sees, read with GROUP BY in the database over the reporting indexes of
/// <c>DisputeConfiguration</c>: a handful of small result sets per request, never the cases themselves.
/// Statistics count every submitted case (never drafts) by <see cref="Dispute.SubmittedPeriod"/>, the month
/// of submission in China Standard Time; the feed lists accepted cases (submitted and not rejected).
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

        // The title leaves the database only when the merchant made it public; the name only when they consented to
        // be named, and then only to be masked below.
        var rows = await query
            .OrderByDescending(d => d.SubmittedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .Join(db.Users, d => d.MerchantId, u => u.Id, (d, u) => new
            {
                d.PlatformId, d.Type, d.Region, DisplayName = u.PublicNameConsent ? u.DisplayName : null, Deleted = u.DeletedAt != null,
                d.SubmittedAt, d.Status, d.EscalationLevel, Title = d.TitleIsPublic ? d.Title : null, d.ForwardedAt, d.RemindedAt, d.FinalNoticeAt,
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
            r.Title,
            r.EscalationLevel == EscalationLevel.PublicNoResponse
                ? new UnansweredListingDto(Day(r.ForwardedAt), Day(r.RemindedAt), Day(r.FinalNoticeAt))
                : null)).ToList();
        return new FeedPageDto(items, page, pageSize, rows.Count > pageSize);
    }

    private static DateOnly? Day(DateTimeOffset? instant) => instant is { } value ? ChinaTime.Today(value) : null;

    public async Task<YearStatsDto> YearAsync(int year, Platform? platform, CancellationToken cancellationToken)
    {
        var cases = Period(year * 100 + 1, year * 100 + 12, platform?.Id);

        var types = await cases.GroupBy(d => d.Type)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var regions = await cases.GroupBy(d => d.Region)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var genders = await cases.GroupBy(d => d.MerchantGender)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var amounts = await cases.GroupBy(d => d.Currency != AmountBrackets.Currency ? -1
                : d.Amount < AmountBrackets.Bound100 ? (int)AmountBracket.Under100
                : d.Amount < AmountBrackets.Bound500 ? (int)AmountBracket.From100To500
                : d.Amount < AmountBrackets.Bound1000 ? (int)AmountBracket.From500To1000
                : d.Amount < AmountBrackets.Bound5000 ? (int)AmountBracket.From1000To5000
                : d.Amount < AmountBrackets.Bound10000 ? (int)AmountBracket.From5000To10000
                : (int)AmountBracket.From10000)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var outcomes = await OutcomesAsync(cases, cancellationToken);

        var total = types.Values.Sum();
        var platforms = await PlatformsAsync(cancellationToken);
        var cards = outcomes.GroupBy(o => o.PlatformId).ToDictionary(g => g.Key, PlatformScorecard.From);
        if (platform is not null)
        {
            cards.TryAdd(platform.Id, PlatformScorecard.Empty);
        }

        var rows = new List<PlatformRowDto>();
        foreach (var (card, rank, platformId) in Ranked(cards))
        {
            var median = await MedianHoursToAnswerAsync(cases, platformId, card.Answered, cancellationToken);
            var p = platforms[platformId];
            rows.Add(new PlatformRowDto(
                rank, p.Slug, p.Name(Culture), card.Cases, Percent.Of(card.Cases, total), card.Forwarded, card.Answered,
                card.AnsweredInTime, card.ResponseRate, card.TimelyResponseRate, median, card.Judged, card.Satisfied, Rating(card)));
        }

        return new YearStatsDto(
            year,
            platform is null ? null : PlatformRef(platform),
            ChinaTime.StartOfYear(year),
            ChinaTime.StartOfYear(year + 1),
            total,
            Enum.GetValues<DisputeType>().Select(type => Share(type.ToString(), _t["Type." + type], types.GetValueOrDefault(type), total)).ToList(),
            ProvinceDistribution(regions.Select(r => (r.Key, r.Count)), total),
            GenderDistribution(genders.Select(g => (g.Key, g.Count)), total),
            AmountDistribution(amounts),
            rows,
            Definitions());
    }

    public async Task<RankingDto> RankingAsync(int year, int month, CancellationToken cancellationToken)
    {
        var period = year * 100 + month;
        var outcomes = await OutcomesAsync(Period(period, period, null), cancellationToken);
        var cards = outcomes.GroupBy(o => o.PlatformId).ToDictionary(g => g.Key, PlatformScorecard.From);
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

    private IQueryable<Dispute> Period(int fromPeriod, int toPeriod, int? platformId)
    {
        // SubmittedPeriod is set at submission and never before, so drafts fall out here.
        var query = db.Disputes.AsNoTracking().Where(d => d.SubmittedPeriod >= fromPeriod && d.SubmittedPeriod <= toPeriod);
        return platformId is { } id ? query.Where(d => d.PlatformId == id) : query;
    }

    /// <summary>One GROUP BY over every fact a rating rests on: a few dozen rows per platform, whatever the volume.</summary>
    private static Task<List<OutcomeTally>> OutcomesAsync(IQueryable<Dispute> cases, CancellationToken cancellationToken) =>
        cases.GroupBy(d => new
            {
                d.PlatformId,
                Forwarded = d.ForwardedAt != null,
                Answered = d.TimeToFirstAnswer != null,
                d.AnsweredBeforeFirstDeadline,
                d.Rating,
                d.Accepted,
                d.MerchantScore,
            })
            .Select(g => new OutcomeTally(
                g.Key.PlatformId, g.Key.Forwarded, g.Key.Answered, g.Key.AnsweredBeforeFirstDeadline, g.Key.Rating,
                g.Key.Accepted, g.Key.MerchantScore, g.Count()))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The median of the platform's times to first answer, in hours to one decimal (half to even): the middle one or
    /// two values, read in answer-time order from the index without loading the others.
    /// </summary>
    private static async Task<decimal?> MedianHoursToAnswerAsync(
        IQueryable<Dispute> cases, int platformId, int answered, CancellationToken cancellationToken)
    {
        if (answered == 0)
        {
            return null;
        }

        var middle = await cases
            .Where(d => d.PlatformId == platformId && d.TimeToFirstAnswer != null)
            .OrderBy(d => d.TimeToFirstAnswer)
            .Select(d => d.TimeToFirstAnswer!.Value)
            .Skip((answered - 1) / 2)
            .Take(answered % 2 == 0 ? 2 : 1)
            .ToListAsync(cancellationToken);
        if (middle.Count == 0)
        {
            return null;
        }

        var ticks = middle.Sum(m => (decimal)m.Ticks) / middle.Count;
        return Math.Round(ticks / TimeSpan.TicksPerHour, 1, MidpointRounding.ToEven);
    }

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

    private List<ShareDto> GenderDistribution(IEnumerable<(Gender? Gender, int Count)> genders, int total)
    {
        var counts = genders.ToList();
        int Count(Gender? gender) => counts.Where(c => c.Gender == gender).Sum(c => c.Count);
        return
        [
            Share(nameof(Gender.Male), _t["Gender.Male"], Count(Gender.Male), total),
            Share(nameof(Gender.Female), _t["Gender.Female"], Count(Gender.Female), total),
            Share("Unstated", _t["Public.Gender.Unstated"], Count(null), total),
        ];
    }

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
