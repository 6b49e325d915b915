using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Privacy;

/// <summary>"注销账户": what deletion does, then the password to confirm it (the same as POST /api/v1/me/delete).</summary>
[Authorize]
public sealed class DeleteModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AccountDeletion deletion) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    public FormErrors Errors { get; } = new();

    public bool IsMerchant => User.IsInRole(Roles.Merchant);

    public bool Deleted { get; private set; }

    public void OnGet()
    {
        // What deletion does, and the form.
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        switch (await deletion.DeleteAsync(user, Password, cancellationToken))
        {
            case DeletionOutcome.Deleted:
                await signIn.SignOutAsync();
                HttpContext.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
                Deleted = true;
                break;
            case DeletionOutcome.NotAMerchant:
                return Forbid();
            default:
                Errors.Add("password", Problems.Text("Privacy.WrongPassword"));
                break;
        }

        return Page();
    }
}
