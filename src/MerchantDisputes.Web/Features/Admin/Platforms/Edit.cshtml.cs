using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Admin.Platforms;

/// <summary>Renames a platform; its slug stays, because URLs and JSON address it by the slug.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class EditModel(AdminService admin) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = string.Empty;

    public AdminPlatformDto? Platform { get; private set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? nameZh, string? nameEn, bool isActive, CancellationToken cancellationToken)
    {
        try
        {
            if (await admin.UpdatePlatformAsync(Slug, new UpdatePlatformRequest(nameZh, nameEn, isActive), cancellationToken) is null)
            {
                return NotFound();
            }

            TempData["Notice"] = "Admin.Platforms.Saved";
            return Redirect("/Admin/Platforms");
        }
        catch (DomainValidationException e)
        {
            Errors.AddRange(e.Errors);
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Platform = (await admin.ListPlatformsAsync(cancellationToken)).SingleOrDefault(p => p.Slug == Slug);
        return Platform is not null;
    }
}
