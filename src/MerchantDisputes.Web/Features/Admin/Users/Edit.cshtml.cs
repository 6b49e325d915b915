using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Platforms;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Admin.Users;

/// <summary>One person: role and platform binding (staff only), lock and unlock.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class EditModel(AdminService admin, DisputesDbContext db, SignInHistory history) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public AdminUserDto? Person { get; private set; }

    public IReadOnlyList<PlatformDto> Platforms { get; private set; } = [];

    public IReadOnlyList<SignInEventDto> SignIns { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    [TempData]
    public string? Notice { get; set; }

    public string? Problem { get; private set; }

    public bool IsMe => User.ToActor()?.UserId == Id;

    public bool IsStaff => Person?.Role is { } role && AdminService.StaffRoles.Contains(role);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(string? role, string? platform, CancellationToken cancellationToken)
    {
        try
        {
            var updated = await admin.UpdateUserAsync(Id, new UpdateUserRequest(role, platform), Me, cancellationToken);
            if (updated is null)
            {
                return NotFound();
            }

            Notice = "Admin.Users.RoleChanged";
            return RedirectToPage();
        }
        catch (DomainValidationException e)
        {
            Errors.AddRange(e.Errors);
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostLockAsync(CancellationToken cancellationToken) => LockAsync(true, "Admin.Users.LockedNotice", cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) => LockAsync(false, "Admin.Users.UnlockedNotice", cancellationToken);

    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await admin.ResetTwoFactorAsync(Id, Me, cancellationToken) is null)
            {
                return NotFound();
            }

            Notice = "Admin.Users.TwoFactorResetNotice";
            return RedirectToPage();
        }
        catch (DomainValidationException e)
        {
            Problem = string.Join(" ", e.Errors.Select(x => Problems.Describe(x, System.Globalization.CultureInfo.CurrentUICulture)));
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<IActionResult> LockAsync(bool locked, string notice, CancellationToken cancellationToken)
    {
        try
        {
            if (await admin.SetLockedAsync(Id, locked, Me, cancellationToken) is null)
            {
                return NotFound();
            }

            Notice = notice;
            return RedirectToPage();
        }
        catch (DomainValidationException e)
        {
            Problem = string.Join(" ", e.Errors.Select(x => Problems.Describe(x, System.Globalization.CultureInfo.CurrentUICulture)));
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private Guid Me => User.ToActor()?.UserId ?? Guid.Empty;

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Person = await admin.FindUserAsync(Id, cancellationToken);
        Platforms = await PlatformsApi.AllAsync(db, cancellationToken);
        SignIns = Person is null ? [] : await history.RecentAsync(Id, cancellationToken);
        return Person is not null;
    }
}
