using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features;

public sealed class IndexModel(TimeProvider clock) : PageModel
{
    public DateTimeOffset Now { get; private set; }

    public void OnGet() => Now = clock.GetUtcNow();
}
