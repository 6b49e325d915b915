using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Platforms;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Admin.Users;

/// <summary>Creates a staff member. A generated password is shown on the answer page once and kept nowhere else.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class NewModel(AdminService admin, DisputesDbContext db) : PageModel
{
    [BindProperty]
    public StaffForm Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public IReadOnlyList<PlatformDto> Platforms { get; private set; } = [];

    public CreatedStaffDto? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Platforms = await PlatformsApi.AllAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            Created = await admin.CreateStaffAsync(
                new CreateStaffRequest(Input.Email, Input.DisplayName, Input.Role, Input.Platform, Input.Password), cancellationToken);
            // No redirect: the generated password must not travel in TempData or a URL.
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        catch (DomainValidationException e)
        {
            Errors.AddRange(e.Errors);
        }

        Platforms = await PlatformsApi.AllAsync(db, cancellationToken);
        return Page();
    }

    public sealed class StaffForm
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; } = Roles.Mediator;
        public string? Platform { get; set; }
        public string? Password { get; set; }
    }
}
