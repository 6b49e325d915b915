using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Account;

public sealed class RegisterForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? DisplayName { get; set; }
    public string? StoreName { get; set; }
    public string? StoreId { get; set; }
    public string? Province { get; set; }
    public Gender? Gender { get; set; }

    /// <summary>Unticked unless the merchant ticks it: the feed then names them by province only.</summary>
    public bool PublicNameConsent { get; set; }
}

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Protection.Register)]
public sealed class RegisterModel(AccountService accounts, SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty]
    public RegisterForm Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public void OnGet()
    {
        // Empty form.
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new RegisterRequest(
            Input.Email, Input.Password, Input.DisplayName, Input.StoreName, Input.Province, Input.Gender, StoreId: Input.StoreId, PublicNameConsent: Input.PublicNameConsent);
        var registration = await accounts.RegisterMerchantAsync(request);
        if (registration.User is not { } user)
        {
            Errors.AddRange(registration.Errors);
            return Page();
        }

        // A taken address signs no one in (its owner was e-mailed); the page goes where a new merchant's does.
        if (registration.IsNew)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        return LocalRedirect("/Disputes");
    }
}
