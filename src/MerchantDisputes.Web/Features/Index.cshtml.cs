using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
        // The landing page is static text; public statistics join it with the transparency feature.
    }
}
