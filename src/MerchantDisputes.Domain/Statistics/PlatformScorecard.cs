using MerchantDisputes.Domain.Disputes;

namespace MerchantDisputes.Domain.Statistics;

/// <summary>
/// A group of one platform's cases that share every fact its rating and factors rest on, and how many there are.
/// The database groups cases into these (a few dozen rows per platform), and <see cref="PlatformScorecard"/> reads them.
/// </summary>
public sealed record OutcomeTally(
    int PlatformId,
    bool Forwarded,
    bool Answered,
    bool AnsweredInTime,
    CaseRating? Rating,
    bool Accepted,
    int? MerchantScore,
    int Count);

/// <summary>
/// A platform's record for a period (DESIGN.md "Case rating"): its rating, the count per case rating, and the three
/// factors the rating rests on.
/// <list type="bullet">
/// <item>Response rate: cases the platform answered at least once / cases forwarded to it.</item>
/// <item>Timeliness: cases answered before the first deadline / cases forwarded to it.</item>
/// <item>Satisfaction: cases the merchant accepted (by hand or by letting the answer stand) and did not score
/// below 4 / ended cases the platform answered (rated 建议, 谨慎 or 不建议下单).</item>
/// </list>
/// A factor with nothing to divide by is null, not 0: a platform that was never asked has no response rate.
/// </summary>
public sealed record PlatformScorecard(
    int Cases,
    int Forwarded,
    int Answered,
    int AnsweredInTime,
    int Judged,
    int Satisfied,
    IReadOnlyDictionary<CaseRating, int> RatingCounts)
{
    public const int SatisfiedFromScore = 4;

    public static PlatformScorecard Empty { get; } = From([]);

    public decimal? ResponseRate => Percent.Rate(Answered, Forwarded);

    public decimal? TimelyResponseRate => Percent.Rate(AnsweredInTime, Forwarded);

    public decimal? Satisfaction => Percent.Rate(Satisfied, Judged);

    /// <summary>The most frequent case rating, ties to the worse; null while no case of the period has a rating.</summary>
    public CaseRating? Rating => MostFrequent(RatingCounts);

    public static PlatformScorecard From(IEnumerable<OutcomeTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        int cases = 0, forwarded = 0, answered = 0, inTime = 0, judged = 0, satisfied = 0;
        var ratings = Enum.GetValues<CaseRating>().ToDictionary(r => r, _ => 0);
        foreach (var t in tallies)
        {
            cases += t.Count;
            forwarded += t.Forwarded ? t.Count : 0;
            answered += t.Answered ? t.Count : 0;
            inTime += t.Answered && t.AnsweredInTime ? t.Count : 0;
            if (t.Rating is not { } rating)
            {
                continue;
            }

            ratings[rating] += t.Count;
            if (rating != CaseRating.NotRated)
            {
                judged += t.Count;
                satisfied += IsSatisfied(t.Accepted, t.MerchantScore) ? t.Count : 0;
            }
        }

        return new PlatformScorecard(cases, forwarded, answered, inTime, judged, satisfied, ratings);
    }

    public static bool IsSatisfied(bool accepted, int? merchantScore) =>
        accepted && merchantScore is null or >= SatisfiedFromScore;

    /// <summary>Same rule as <see cref="CaseRatings.MostFrequent"/>, from counts: ties go to the worse rating.</summary>
    public static CaseRating? MostFrequent(IReadOnlyDictionary<CaseRating, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        CaseRating? best = null;
        var bestCount = 0;

        // CaseRating is declared worst first; only a strictly larger count displaces an earlier (worse) rating.
        foreach (var rating in Enum.GetValues<CaseRating>())
        {
            var count = counts.GetValueOrDefault(rating);
            if (count > bestCount)
            {
                best = rating;
                bestCount = count;
            }
        }

        return best;
    }
}
