using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Admin.Platforms;

/// <summary>Every platform with its state; add one, deactivate or reactivate.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(AdminService admin) : PageModel
{
    public IReadOnlyList<AdminPlatformDto> Items { get; private set; } = [];

    [BindProperty]
    public CreatePlatformRequest Input { get; set; } = new(null, null, null);

    public FormErrors Errors { get; } = new();

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await admin.ListPlatformsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await admin.CreatePlatformAsync(Input, cancellationToken);
            Notice = "Admin.Platforms.Added";
            return RedirectToPage();
        }
        catch (DomainValidationException e)
        {
            Errors.AddRange(e.Errors);
        }

        Items = await admin.ListPlatformsAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostDeactivateAsync(string slug, CancellationToken cancellationToken) =>
        SetActiveAsync(slug, false, "Admin.Platforms.Deactivated", cancellationToken);

    public Task<IActionResult> OnPostActivateAsync(string slug, CancellationToken cancellationToken) =>
        SetActiveAsync(slug, true, "Admin.Platforms.Activated", cancellationToken);

    private async Task<IActionResult> SetActiveAsync(string slug, bool active, string notice, CancellationToken cancellationToken)
    {
        if (await admin.SetActiveAsync(slug, active, cancellationToken) is null)
        {
            return NotFound();
        }

        Notice = notice;
        return RedirectToPage();
    }
}
