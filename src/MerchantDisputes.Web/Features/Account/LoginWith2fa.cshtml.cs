using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>The second step of signing in: the authenticator app's code, or one of the recovery codes.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Protection.SignIn)]
public sealed class LoginWith2faModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? BackToLogin() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return BackToLogin();
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            Message = Problems.Text("Account.SecondFactorRequired.Page");
            return Page();
        }

        var result = Totp.TryNormalize(Code, out var code)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCodes.Normalize(Code));
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Disputes");
        }

        Message = Problems.Text(result.IsLockedOut ? "Account.LockedOut" : "Account.InvalidCode");
        return Page();
    }

    /// <summary>The password step was not done in this browser, or too long ago: start again.</summary>
    private RedirectToPageResult BackToLogin() => RedirectToPage("/Account/Login", new { ReturnUrl });
}
