using MerchantDisputes.Domain.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
        // Links only.
    }
}
