using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Web.Caching;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>/api/v1/public: the anonymous feed, yearly statistics and monthly ranking; and the yearly report as CSV.</summary>
public static partial class PublicApi
{
    public static void MapPublicApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/public").WithTags("Public").AllowAnonymous().WithMetadata(new PublicAnswerAttribute())
            .RequireRateLimiting(PublicAnswers.UncachedPolicy);
        group.MapGet("/feed", Feed).WithName("PublicFeed")
            .WithSummary("Cases a mediator has claimed, newest first (never rejected or withdrawn ones): platform, type, province, masked name, date (CST), status; the merchant's title only when they made it public and a mediator approved it, else a neutral text.");
        group.MapGet("/stats", Stats).WithName("PublicStats")
            .WithSummary("A year's distributions by type, province, gender and amount bracket, and every platform's response, timeliness, satisfaction and rating; ?platform= narrows all of it to one platform. Under 5 cases only the total is given (breakdownWithheld).");
        group.MapGet("/platforms/ranking", Ranking).WithName("PublicPlatformRanking")
            .WithSummary("The month's TOP 10 platforms by case volume (?month=YYYY-MM, China Standard Time), each with its rating for the month.");

        app.MapGet("/reports/{year:int}.csv", Csv).WithName("PublicReportCsv").WithTags("Public").AllowAnonymous()
            .WithMetadata(new PublicAnswerAttribute()).RequireRateLimiting(PublicAnswers.UncachedPolicy)
            .WithSummary("The yearly report as CSV (UTF-8 with BOM), one section per distribution, in the reader's language.");
        app.MapGet("/reports", (PublicQueries queries) => Results.Redirect(
                string.Create(CultureInfo.InvariantCulture, $"/reports/{queries.TodayInChina.Year}")))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<Results<Ok<FeedPageDto>, ValidationProblem>> Feed(
        PublicQueries queries, CancellationToken cancellationToken, string? platform = null, string? page = null, string? pageSize = null)
    {
        var errors = new List<ValidationError>();
        var pageNumber = ParseInt(errors, "page", "Web.Public.Problem.Page", page, 1, 1, PublicQueries.MaxPage);
        var size = ParseInt(errors, "pageSize", "Web.Public.Problem.PageSize", pageSize, PublicQueries.DefaultPageSize, 1, PublicQueries.MaxPageSize);
        var found = await PlatformAsync(errors, queries, platform, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await queries.FeedAsync(found?.Id, pageNumber, size, cancellationToken));
    }

    private static async Task<Results<Ok<YearStatsDto>, ValidationProblem>> Stats(
        PublicQueries queries, CancellationToken cancellationToken, string? year = null, string? platform = null)
    {
        var errors = new List<ValidationError>();
        var y = ParseYear(errors, year, queries.TodayInChina.Year);
        var found = await PlatformAsync(errors, queries, platform, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await queries.YearAsync(y, found, cancellationToken));
    }

    private static async Task<Results<Ok<RankingDto>, ValidationProblem>> Ranking(
        PublicQueries queries, CancellationToken cancellationToken, string? month = null)
    {
        var today = queries.TodayInChina;
        if (!TryParseMonth(month, today, out var y, out var m))
        {
            return Problems.Validation("month", "Web.Public.Problem.Month");
        }

        return TypedResults.Ok(await queries.RankingAsync(y, m, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound>> Csv(
        int year, PublicQueries queries, IStringLocalizer<SharedResource> t, TimeProvider clock, CancellationToken cancellationToken, string? platform = null)
    {
        var errors = new List<ValidationError>();
        var y = ParseYear(errors, year.ToString(CultureInfo.InvariantCulture), queries.TodayInChina.Year);
        var found = await PlatformAsync(errors, queries, platform, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var stats = await queries.YearAsync(y, found, cancellationToken);
        var csv = ReportCsv.Write(stats, t, clock.GetUtcNow());
        var name = found is null
            ? string.Create(CultureInfo.InvariantCulture, $"merchant-disputes-{y}.csv")
            : string.Create(CultureInfo.InvariantCulture, $"merchant-disputes-{y}-{found.Slug}.csv");
        return TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", name);
    }

    /// <summary>An absent year is the current one in China; a present one must lie in the supported range.</summary>
    public static int ParseYear(List<ValidationError> errors, string? value, int current)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return ParseInt(errors, "year", "Web.Public.Problem.Year", value, current, PublicQueries.MinYear, PublicQueries.MaxYear);
    }

    /// <summary>"2026-03" → 2026, 3; absent → this month in China. Anything else is refused.</summary>
    public static bool TryParseMonth(string? value, DateOnly today, out int year, out int month)
    {
        (year, month) = (today.Year, today.Month);
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var match = MonthPattern().Match(value.Trim());
        if (!match.Success)
        {
            return false;
        }

        year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return year is >= PublicQueries.MinYear and <= PublicQueries.MaxYear && month is >= 1 and <= 12;
    }

    private static int ParseInt(List<ValidationError> errors, string field, string code, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        errors.Add(new ValidationError(field, code, min, max));
        return fallback;
    }

    private static async Task<Platform?> PlatformAsync(
        List<ValidationError> errors, PublicQueries queries, string? slug, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var found = await queries.FindPlatformAsync(slug, cancellationToken);
        if (found is null)
        {
            errors.Add(new ValidationError("platform", ErrorCodes.UnknownPlatform, slug.Trim()));
        }

        return found;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();
}
