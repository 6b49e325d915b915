using System.Globalization;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Statistics;

/// <summary>What a public statistic groups by; each is one GROUP BY of the yearly statistics or the monthly ranking.</summary>
public enum TallyDimension
{
    Type = 1,
    Region = 2,
    Gender = 3,

    /// <summary>The <see cref="AmountBracket"/> as a number, or -1 for a case in another currency than CNY.</summary>
    Amount = 4,

    /// <summary>Every fact a platform's rating and factors rest on (<see cref="OutcomeTally"/>), as one key.</summary>
    Outcome = 5,

    /// <summary>Whole hours from the first forwarding to the platform's first answer, for the median.</summary>
    AnswerHours = 6,
}

/// <summary>One (dimension, key) a counted case adds one to, in its submission year or month and its platform.</summary>
public readonly record struct TallyKey(int Period, int PlatformId, TallyDimension Dimension, string Key);

/// <summary>
/// The public figures are kept as counts per submission year or month (China Standard Time), platform and dimension, changed in
/// the same transaction as the case (Infrastructure: <c>PublicTallyUpdates</c>), so a year's statistics read a few
/// thousand counters instead of every case. A case counts once a mediator has claimed it and until it is rejected
/// (DESIGN.md: never drafts, never unreviewed filings; a rejected filing leaves the counts).
/// </summary>
public static class PublicTallies
{
    private const char Separator = '|';

    public static bool Counts(int? submittedPeriod, Guid? assignedMediatorId, DisputeStatus status) =>
        submittedPeriod is not null && assignedMediatorId is not null && status != DisputeStatus.Rejected;

    /// <summary>
    /// The keys a counted case adds one to: every dimension in its year (<see cref="YearPeriod"/>), which the yearly
    /// statistics read, and its outcome in its month, which the monthly ranking reads. Nothing else is ever asked of a
    /// month, so a year is one small range of rows, never twelve months to add up.
    /// </summary>
    public static IEnumerable<TallyKey> KeysOf(int submittedPeriod, int platformId, CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var year = YearPeriod(submittedPeriod / 100);
        TallyKey Key(TallyDimension dimension, string key) => new(year, platformId, dimension, key);
        yield return Key(TallyDimension.Type, facts.Type.ToString());
        yield return Key(TallyDimension.Region, facts.Region);
        yield return Key(TallyDimension.Gender, facts.Gender?.ToString() ?? string.Empty);
        yield return Key(TallyDimension.Amount, Number(BracketOf(facts.Currency, facts.Amount)));
        yield return Key(TallyDimension.Outcome, OutcomeKey(facts));
        if (facts.TimeToFirstAnswer is { } answer)
        {
            yield return Key(TallyDimension.AnswerHours, Number(AnswerHours(answer)));
        }

        yield return new TallyKey(submittedPeriod, platformId, TallyDimension.Outcome, OutcomeKey(facts));
    }

    /// <summary>A whole year's counters are kept under period YYYY00 (a month is YYYYMM, 01 to 12).</summary>
    public static int YearPeriod(int year) => year * 100;

    /// <summary>The bracket number, or -1 for another currency (never converted).</summary>
    public static int BracketOf(string currency, decimal amount) =>
        currency == AmountBrackets.Currency ? (int)AmountBrackets.Of(amount) : -1;

    /// <summary>Started hours do not count: 26 h 59 min is 26.</summary>
    public static int AnswerHours(TimeSpan answer) => (int)Math.Floor(answer.TotalHours);

    public static string OutcomeKey(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return string.Join(
            Separator,
            Flag(facts.Forwarded),
            Flag(facts.Answered),
            Flag(facts.AnsweredInTime),
            facts.Rating?.ToString() ?? string.Empty,
            Flag(facts.Accepted),
            facts.MerchantScore is { } score ? Number(score) : string.Empty);
    }

    public static OutcomeTally Outcome(int platformId, string key, int count)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        return new OutcomeTally(
            platformId,
            parts[0] == "1",
            parts[1] == "1",
            parts[2] == "1",
            parts[3].Length == 0 ? null : Enum.Parse<CaseRating>(parts[3]),
            parts[4] == "1",
            parts[5].Length == 0 ? null : int.Parse(parts[5], CultureInfo.InvariantCulture),
            count);
    }

    /// <summary>
    /// The median of whole answer hours given as (hours, count), to one decimal, half to even: the middle value, or the
    /// mean of the middle two. Null when nothing was answered.
    /// </summary>
    public static decimal? MedianHours(IEnumerable<(int Hours, int Count)> histogram)
    {
        var ordered = histogram.Where(h => h.Count > 0).OrderBy(h => h.Hours).ToList();
        var total = ordered.Sum(h => h.Count);
        if (total == 0)
        {
            return null;
        }

        var low = ValueAt(ordered, (total - 1) / 2);
        var high = ValueAt(ordered, total / 2);
        return Math.Round((low + high) / 2m, 1, MidpointRounding.ToEven);
    }

    private static int ValueAt(List<(int Hours, int Count)> ordered, int rank)
    {
        var seen = 0;
        foreach (var (hours, count) in ordered)
        {
            seen += count;
            if (rank < seen)
            {
                return hours;
            }
        }

        return ordered[^1].Hours;
    }

    private static string Flag(bool value) => value ? "1" : "0";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The facts of a case that the public figures read.</summary>
public sealed record CaseFacts(
    DisputeType Type,
    string Region,
    Gender? Gender,
    string Currency,
    decimal Amount,
    bool Forwarded,
    bool Answered,
    bool AnsweredInTime,
    CaseRating? Rating,
    bool Accepted,
    int? MerchantScore,
    TimeSpan? TimeToFirstAnswer);
