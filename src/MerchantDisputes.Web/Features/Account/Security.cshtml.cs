using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>The signed-in user's own account security: the second factor and where the account was signed in from.</summary>
[Authorize]
public sealed class SecurityModel(UserManager<ApplicationUser> users, SignInHistory history) : PageModel
{
    public bool TwoFactorEnabled { get; private set; }
    public bool PublicNameConsent { get; private set; }
    public IReadOnlyList<SignInEventDto> SignIns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        TwoFactorEnabled = user.TwoFactorEnabled;
        PublicNameConsent = user.PublicNameConsent;
        SignIns = await history.RecentAsync(user.Id, cancellationToken);
        return Page();
    }
}
