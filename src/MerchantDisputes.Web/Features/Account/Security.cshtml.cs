using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// The signed-in user's own account security: the second factor, a new password (which ends every other session),
/// and where the account was signed in from.
/// </summary>
[Authorize]
public sealed class SecurityModel(SignInManager<ApplicationUser> signIn, SignInHistory history, PasswordChange change) : PageModel
{
    public bool TwoFactorEnabled { get; private set; }
    public bool PublicNameConsent { get; private set; }
    public IReadOnlyList<SignInEventDto> SignIns { get; private set; } = [];

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public FormErrors Errors { get; } = new();

    public bool PasswordChanged { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool changed, CancellationToken cancellationToken)
    {
        PasswordChanged = changed;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostChangePasswordAsync(CancellationToken cancellationToken)
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!string.IsNullOrEmpty(NewPassword) && !string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            Errors.Add("confirmPassword", Problems.Text("Account.PasswordsDiffer"));
            return await ShowAsync(cancellationToken);
        }

        Errors.AddRange(await change.ChangeAsync(user, User, new ChangePasswordRequest(CurrentPassword, NewPassword)));
        if (Errors.Any)
        {
            return await ShowAsync(cancellationToken);
        }

        // This browser's cookie carries the old stamp: a new one for the same session keeps it signed in.
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { changed = true });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        TwoFactorEnabled = user.TwoFactorEnabled;
        PublicNameConsent = user.PublicNameConsent;
        SignIns = await history.RecentAsync(user.Id, cancellationToken);
        return Page();
    }
}
