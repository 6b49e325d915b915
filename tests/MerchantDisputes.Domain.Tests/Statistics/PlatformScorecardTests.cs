using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Statistics;

namespace MerchantDisputes.Domain.Tests.Statistics;

public class PlatformScorecardTests
{
    private static OutcomeTally Answered(CaseRating? rating, bool inTime = true, bool accepted = true, int? score = null, int count = 1) =>
        new(1, Forwarded: true, Answered: true, inTime, rating, accepted, score, count);

    private static OutcomeTally Unanswered(CaseRating? rating, int count = 1) =>
        new(1, Forwarded: true, Answered: false, AnsweredInTime: false, rating, Accepted: false, MerchantScore: null, count);

    private static OutcomeTally NotForwarded(int count = 1) =>
        new(1, Forwarded: false, Answered: false, AnsweredInTime: false, null, Accepted: false, MerchantScore: null, count);

    [Fact]
    public void A_platform_that_never_answered_is_not_rated_with_no_response_and_no_satisfaction()
    {
        var card = PlatformScorecard.From([Unanswered(CaseRating.NotRated, count: 2), Unanswered(null)]);

        Assert.Equal(CaseRating.NotRated, card.Rating);
        Assert.Equal(0m, card.ResponseRate);
        Assert.Equal(0m, card.TimelyResponseRate);
        Assert.Null(card.Satisfaction);
        Assert.Equal(2, card.RatingCounts[CaseRating.NotRated]);
    }

    [Fact]
    public void A_tie_goes_to_the_worse_rating()
    {
        var card = PlatformScorecard.From([Answered(CaseRating.Recommended), Answered(CaseRating.Caution, inTime: false)]);

        Assert.Equal(CaseRating.Caution, card.Rating);
    }

    [Fact]
    public void A_tie_of_every_rating_goes_to_not_rated()
    {
        var counts = Enum.GetValues<CaseRating>().ToDictionary(r => r, _ => 3);

        Assert.Equal(CaseRating.NotRated, PlatformScorecard.MostFrequent(counts));
    }

    [Fact]
    public void The_most_frequent_rating_wins_even_when_it_is_the_best()
    {
        var card = PlatformScorecard.From([
            Answered(CaseRating.Recommended, count: 3), Answered(CaseRating.NotRecommended, accepted: false, count: 2), Unanswered(CaseRating.NotRated)]);

        Assert.Equal(CaseRating.Recommended, card.Rating);
    }

    [Fact]
    public void Counting_from_tallies_agrees_with_the_case_rating_rule_for_lists()
    {
        CaseRating[] ratings = [CaseRating.Caution, CaseRating.NotRecommended, CaseRating.Caution, CaseRating.NotRecommended, CaseRating.Recommended];
        var counts = ratings.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(CaseRatings.MostFrequent(ratings), PlatformScorecard.MostFrequent(counts));
        Assert.Equal(CaseRating.NotRecommended, PlatformScorecard.MostFrequent(counts));
    }

    [Fact]
    public void No_rated_case_means_no_rating_yet()
    {
        var card = PlatformScorecard.From([NotForwarded(3), Unanswered(null)]);

        Assert.Null(card.Rating);
        Assert.Null(PlatformScorecard.Empty.Rating);
    }

    [Fact]
    public void The_three_factors_are_response_rate_timeliness_and_satisfaction()
    {
        // 5 forwarded: 4 answered (3 in time), 1 never; of the 4 answered and ended, 2 accepted with no score below 4.
        var card = PlatformScorecard.From([
            Answered(CaseRating.Recommended, score: 5),
            Answered(CaseRating.Caution, inTime: false),
            Answered(CaseRating.NotRecommended, accepted: false),
            Answered(CaseRating.NotRecommended, score: 2),
            Unanswered(CaseRating.NotRated),
            NotForwarded(),
        ]);

        Assert.Equal(6, card.Cases);
        Assert.Equal(5, card.Forwarded);
        Assert.Equal(4, card.Answered);
        Assert.Equal(80.00m, card.ResponseRate);
        Assert.Equal(60.00m, card.TimelyResponseRate);
        Assert.Equal(4, card.Judged);
        Assert.Equal(2, card.Satisfied);
        Assert.Equal(50.00m, card.Satisfaction);
        Assert.Equal(CaseRating.NotRecommended, card.Rating);
    }

    [Fact]
    public void A_case_answered_but_not_ended_counts_for_response_but_not_yet_for_satisfaction()
    {
        var card = PlatformScorecard.From([Answered(rating: null, accepted: false), Answered(CaseRating.Recommended)]);

        Assert.Equal(100m, card.ResponseRate);
        Assert.Equal(1, card.Judged);
        Assert.Equal(100m, card.Satisfaction);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, 5, true)]
    [InlineData(true, 4, true)]
    [InlineData(true, 3, false)]
    [InlineData(true, 1, false)]
    [InlineData(false, null, false)]
    [InlineData(false, 5, false)]
    public void A_merchant_is_satisfied_when_they_accepted_and_did_not_score_below_4(bool accepted, int? score, bool expected) =>
        Assert.Equal(expected, PlatformScorecard.IsSatisfied(accepted, score));
}
