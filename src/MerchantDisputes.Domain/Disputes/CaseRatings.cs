namespace MerchantDisputes.Domain.Disputes;

/// <summary>The facts of an ended case that its rating rests on.</summary>
public sealed record RatingFacts(
    bool Forwarded,
    bool PlatformAnswered,
    bool AnsweredBeforeFirstDeadline,
    PlatformOutcome? Outcome,
    bool Accepted,
    bool Contested,
    int? MerchantScore,
    DisputeStatus EndStatus);

/// <summary>消费评级 of one case, per DESIGN.md "Case rating". Computed, never typed in.</summary>
public static class CaseRatings
{
    /// <returns>The rating, or null for a case the platform never had to answer (never forwarded, rejected or withdrawn).</returns>
    public static CaseRating? Compute(RatingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        // Rejected and withdrawn cases say nothing about how the platform behaved.
        if (!facts.Forwarded || facts.EndStatus is DisputeStatus.Rejected or DisputeStatus.Withdrawn)
        {
            return null;
        }

        if (!facts.PlatformAnswered)
        {
            return CaseRating.NotRated;
        }

        if (facts.MerchantScore is <= 2 || (facts.Contested && !facts.Accepted))
        {
            return CaseRating.NotRecommended;
        }

        var acceptedWell = facts.Accepted && facts.MerchantScore is null or >= 4;
        return acceptedWell && facts.AnsweredBeforeFirstDeadline && facts.Outcome != PlatformOutcome.PartiallyReversed
            ? CaseRating.Recommended
            : CaseRating.Caution;
    }

    /// <summary>A platform's rating for a period: the most frequent case rating, ties to the worse.</summary>
    public static CaseRating? MostFrequent(IEnumerable<CaseRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var counts = ratings.GroupBy(r => r).Select(g => (Rating: g.Key, Count: g.Count())).ToList();
        if (counts.Count == 0)
        {
            return null;
        }

        // CaseRating is declared worst first, so the lowest value wins a tie.
        return counts.OrderByDescending(c => c.Count).ThenBy(c => (int)c.Rating).First().Rating;
    }
}
