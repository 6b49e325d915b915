using MerchantDisputes.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>/Platforms/{slug}?year=: one platform's year, as the industry reports give a section per platform.</summary>
[PublicAnswer]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(PublicAnswers.UncachedPolicy)]
public sealed class PlatformModel(PublicQueries queries) : PageModel
{
    public const int RecentCount = 10;

    public YearStatsDto Stats { get; private set; } = null!;

    /// <summary>Null when the year has too few cases to show more than the total.</summary>
    public PlatformRowDto? Row => Stats.Platforms.Count > 0 ? Stats.Platforms[0] : null;

    public FeedPageDto Recent { get; private set; } = null!;

    public int CurrentYear { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? year, CancellationToken cancellationToken)
    {
        var platform = await queries.FindPlatformAsync(slug, cancellationToken);
        CurrentYear = queries.TodayInChina.Year;
        var errors = new List<Domain.Validation.ValidationError>();
        var y = PublicApi.ParseYear(errors, year, CurrentYear);
        if (platform is null || errors.Count > 0)
        {
            return NotFound();
        }

        Stats = await queries.YearAsync(y, platform, cancellationToken);
        Recent = await queries.FeedAsync(platform.Id, 1, RecentCount, cancellationToken);
        return Page();
    }
}
