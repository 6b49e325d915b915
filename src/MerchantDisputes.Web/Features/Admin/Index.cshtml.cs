using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Evidence.Pdf;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(IServiceProvider services, IPdfRenderer pdf) : PageModel
{
    /// <summary>False when poppler-utils is missing: PDF statements are refused, screenshots still work.</summary>
    public bool PdfOn => pdf.IsAvailable;

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The demo data button: only where <see cref="DemoData"/> is registered, which is Development.</summary>
    public bool OffersDemoData => services.GetService<DemoData>() is not null;

    public void OnGet()
    {
        // Links, what the app can do on this server, and in Development the demo data button.
    }

    public async Task<IActionResult> OnPostDemoDataAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<DemoData>() is not { } demo)
        {
            return NotFound();
        }

        var created = await demo.SeedAsync(cancellationToken);
        Notice = created > 0 ? "Admin.DemoData.Created" : "Admin.DemoData.Present";
        return RedirectToPage();
    }
}
