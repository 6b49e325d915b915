using MerchantDisputes.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>/Public: the live feed of accepted cases and the month's platform TOP 10.</summary>
[PublicAnswer]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(PublicAnswers.UncachedPolicy)]
public sealed class IndexModel(PublicQueries queries) : PageModel
{
    public FeedPageDto Feed { get; private set; } = null!;

    public RankingDto Ranking { get; private set; } = null!;

    public PlatformRefDto? Platform { get; private set; }

    public IReadOnlyList<PlatformRefDto> Platforms { get; private set; } = [];

    public int CurrentYear { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? month, string? page, string? platform, CancellationToken cancellationToken)
    {
        var today = queries.TodayInChina;
        CurrentYear = today.Year;
        var pageNumber = int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 1, PublicQueries.MaxPage)
            : 1;
        var found = string.IsNullOrWhiteSpace(platform) ? null : await queries.FindPlatformAsync(platform, cancellationToken);
        if (!PublicApi.TryParseMonth(month, today, out var year, out var m) || (!string.IsNullOrWhiteSpace(platform) && found is null))
        {
            return NotFound();
        }

        Platform = found is null ? null : new PlatformRefDto(found.Slug, found.Name(System.Globalization.CultureInfo.CurrentUICulture));
        Ranking = await queries.RankingAsync(year, m, cancellationToken);
        Feed = await queries.FeedAsync(found?.Id, pageNumber, PublicQueries.DefaultPageSize, cancellationToken);
        Platforms = await queries.PlatformRefsAsync(cancellationToken);
        return Page();
    }
}
