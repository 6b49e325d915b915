using MerchantDisputes.Domain.Statistics;
using MerchantDisputes.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>/reports/{year}: the year's report in the form of the industry's annual complaint reports.</summary>
[PublicAnswer]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(PublicAnswers.UncachedPolicy)]
public sealed class ReportModel(PublicQueries queries) : PageModel
{
    public YearStatsDto Stats { get; private set; } = null!;

    public int CurrentYear { get; private set; }

    /// <summary>Over every platform: answered / forwarded, and answered before the first deadline / forwarded.</summary>
    public decimal? ResponseRate { get; private set; }

    public decimal? TimelyResponseRate { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken cancellationToken)
    {
        if (year is < PublicQueries.MinYear or > PublicQueries.MaxYear)
        {
            return NotFound();
        }

        CurrentYear = queries.TodayInChina.Year;
        Stats = await queries.YearAsync(year, null, cancellationToken);
        var forwarded = Stats.Platforms.Sum(p => p.Forwarded);
        ResponseRate = Percent.Rate(Stats.Platforms.Sum(p => p.Answered), forwarded);
        TimelyResponseRate = Percent.Rate(Stats.Platforms.Sum(p => p.AnsweredInTime), forwarded);
        return Page();
    }
}
