using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MerchantDisputes.Web.Features.Privacy;

/// <summary>"导出我的数据": the same ZIP as GET /api/v1/me/export, from a form (a POST, so no other site can start it).</summary>
[Authorize]
[EnableRateLimiting(Protection.Exports)]
public sealed class ExportModel(UserManager<ApplicationUser> users, DataExport export, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
        // The explanation and the button.
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        return new ResultAction(PrivacyApi.Download(export, user, clock, HttpContext));
    }

    /// <summary>Runs a minimal-API result (the streamed ZIP) from a page handler.</summary>
    private sealed class ResultAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            return result.ExecuteAsync(context.HttpContext);
        }
    }
}
