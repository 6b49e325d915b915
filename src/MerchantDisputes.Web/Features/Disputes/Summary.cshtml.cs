using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>The printable summary of a case, for anyone who may see the case, showing what they may see of it.</summary>
[Authorize]
public sealed class SummaryModel(CaseSummaries summaries, SummaryStyle style) : PageModel
{
    /// <summary>The site's page policy with the summary's own style element allowed by its hash.</summary>
    private static string Policy(string styleHash) =>
        $"default-src 'self'; script-src 'self'; style-src 'self' {styleHash}; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public CaseSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await summaries.FindAsync(User.RequireActor(), Id, cancellationToken) is not { } summary)
        {
            return NotFound();
        }

        Summary = summary with { IsPage = true };
        Response.Headers.ContentSecurityPolicy = Policy(style.Hash);
        return Page();
    }
}
