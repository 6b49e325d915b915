using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>The page the reset e-mail links to: the address and token come in the link, the new password twice.</summary>
[EnableRateLimiting(Protection.PasswordReset)]
public sealed class ResetPasswordModel(PasswordRecovery recovery) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public FormErrors Errors { get; } = new();

    public void OnGet()
    {
        // The form, with the address and token from the link.
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrEmpty(NewPassword) && !string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            Errors.Add("confirmPassword", Problems.Text("Account.PasswordsDiffer"));
            return Page();
        }

        Errors.AddRange(await recovery.ResetAsync(new ResetPasswordRequest(Email, Token, NewPassword)));
        return Errors.Any ? Page() : RedirectToPage("/Account/Login", new { reset = true });
    }
}
