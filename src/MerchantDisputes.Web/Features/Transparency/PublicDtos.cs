using MerchantDisputes.Domain.Disputes;

namespace MerchantDisputes.Web.Features.Transparency;

// The JSON of /api/v1/public/... and the model of the public pages and CSV. Nothing here names a merchant,
// a store, an email, an order number, an individual amount or any free text but a title marked public.

public sealed record PlatformRefDto(string Slug, string Name);

public sealed record ProvinceRefDto(string Code, string Name);

/// <summary>One accepted case in the public feed.</summary>
/// <param name="Merchant">The masked name: first character and two asterisks (卢**).</param>
/// <param name="SubmittedOn">The date of submission in China Standard Time.</param>
/// <param name="Title">
/// The merchant's title when they marked it public and a mediator approved it (<paramref name="TitleApproved"/>);
/// otherwise a neutral text of platform and type.
/// </param>
public sealed record FeedItemDto(
    PlatformRefDto Platform,
    DisputeType Type,
    string TypeName,
    ProvinceRefDto Province,
    string Merchant,
    DateOnly SubmittedOn,
    DisputeStatus Status,
    string StatusName,
    bool ListedAsUnanswered,
    string Title,
    bool TitleApproved,
    UnansweredListingDto? Listing = null);

/// <summary>
/// Why a case is listed as unanswered, in dates (China Standard Time): when it was forwarded to the platform, when the
/// platform was reminded, and when it was given its final notice with the listing date (its right of reply).
/// </summary>
public sealed record UnansweredListingDto(DateOnly? ForwardedOn, DateOnly? RemindedOn, DateOnly? FinalNoticeOn);

/// <summary>A page of the feed, newest first. <see cref="HasMore"/> instead of a total keeps the feed one index read.</summary>
public sealed record FeedPageDto(IReadOnlyList<FeedItemDto> Items, int Page, int PageSize, bool HasMore);

/// <summary>One row of a distribution: its key (enum name, province code, bracket), label, count and percent of the total.</summary>
public sealed record ShareDto(string Key, string Name, int Count, decimal Percent);

/// <param name="All">The 34 provincial-level divisions in their official order, zeros included.</param>
/// <param name="Top10">The ten with most cases (fewer if fewer have any), ties in the official order.</param>
/// <param name="Unknown">Cases whose region is not one of the 34 (none while registration requires a province).</param>
public sealed record ProvinceDistributionDto(IReadOnlyList<ShareDto> All, IReadOnlyList<ShareDto> Top10, int Unknown);

public sealed record AmountBracketShareDto(string Key, string Name, decimal From, decimal? To, int Count, decimal Percent);

/// <param name="Total">Cases in <see cref="Currency"/>: the denominator of every bracket's percent.</param>
/// <param name="NonCnyExcluded">Cases in another currency, left out of the brackets (never converted).</param>
/// <param name="NonCnyTreatment">Machine-readable: "ExcludedFromBrackets".</param>
public sealed record AmountDistributionDto(
    string Currency,
    int Total,
    int NonCnyExcluded,
    string NonCnyTreatment,
    string Note,
    IReadOnlyList<AmountBracketShareDto> Brackets);

/// <summary>The three factors a platform's rating rests on, in percent; null when there is nothing to divide by.</summary>
public sealed record FactorsDto(decimal? ResponseRate, decimal? Timeliness, decimal? Satisfaction);

/// <param name="Value">Null while no case of the period has a rating yet.</param>
public sealed record RatingDto(CaseRating? Value, string Name, IReadOnlyDictionary<CaseRating, int> Counts, FactorsDto Factors);

/// <summary>A platform's year (or month) in numbers.</summary>
/// <param name="Rank">By case volume, ties sharing a rank (1, 2, 2, 4).</param>
/// <param name="Percent">Its share of all cases of the period.</param>
/// <param name="Judged">Ended cases the platform answered: the denominator of satisfaction.</param>
public sealed record PlatformRowDto(
    int Rank,
    string Slug,
    string Name,
    int Cases,
    decimal Percent,
    int Forwarded,
    int Answered,
    int AnsweredInTime,
    decimal? ResponseRate,
    decimal? TimelyResponseRate,
    decimal? MedianHoursToAnswer,
    int Judged,
    int Satisfied,
    RatingDto Rating);

/// <summary>How each figure is computed, in the reader's language.</summary>
public sealed record DefinitionsDto(
    string Period,
    string Percent,
    string ResponseRate,
    string TimelyResponseRate,
    string Satisfaction,
    string MedianHoursToAnswer,
    string Rating,
    string AmountBrackets);

public sealed record YearStatsDto(
    int Year,
    PlatformRefDto? Platform,
    DateTimeOffset From,
    DateTimeOffset To,
    int TotalCases,
    IReadOnlyList<ShareDto> ByType,
    ProvinceDistributionDto ByProvince,
    IReadOnlyList<ShareDto> ByGender,
    AmountDistributionDto ByAmount,
    IReadOnlyList<PlatformRowDto> Platforms,
    DefinitionsDto Definitions)
{
    /// <summary>
    /// True when the view has fewer than <see cref="PublicQueries.MinCasesForBreakdown"/> cases: only its total is
    /// shown, every distribution and platform row is left empty.
    /// </summary>
    public bool BreakdownWithheld { get; init; }
}

public sealed record RankingRowDto(int Rank, string Slug, string Name, int Cases, decimal Percent, RatingDto Rating);

/// <param name="Month">YYYY-MM in China Standard Time.</param>
public sealed record RankingDto(string Month, DateTimeOffset From, DateTimeOffset To, int TotalCases, IReadOnlyList<RankingRowDto> Platforms);
