using MerchantDisputes.Domain.Geography;
using MerchantDisputes.Domain.Statistics;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Account;

public sealed class PublicNameForm
{
    public bool PublicNameConsent { get; set; }
}

/// <summary>
/// The merchant's consent to be named in the public feed by a masked name, given or withdrawn at any time. Withdrawn,
/// the feed names them by province from its next refresh (public answers are cached for seconds, never longer).
/// </summary>
[Authorize(Roles = Roles.Merchant)]
public sealed class PublicNameModel(UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public PublicNameForm Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    /// <summary>How the feed names this merchant now: 卢** or 广东省商家.</summary>
    public string ShownAs { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Input.PublicNameConsent = user.PublicNameConsent;
        ShownAs = Shown(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        user.PublicNameConsent = Input.PublicNameConsent;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return StatusCode(StatusCodes.Status409Conflict);
        }

        Notice = user.PublicNameConsent ? "PublicName.Given" : "PublicName.Withdrawn";
        return RedirectToPage();
    }

    private static string Shown(ApplicationUser user)
    {
        if (user.PublicNameConsent)
        {
            return PublicName.Masked(user.DisplayName);
        }

        var province = user.Province is { } code ? Provinces.Find(code) : null;
        var name = province is null ? string.Empty : Display.IsChinese() ? province.NameZh : province.NameEn;
        return Problems.Text("Public.Feed.ProvinceMerchant", name);
    }
}
