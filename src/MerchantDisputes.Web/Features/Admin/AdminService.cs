using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Disputes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Admin;

public sealed record AdminUserDto(
    Guid Id, string Email, string DisplayName, string? Role, string? Platform, bool Locked, DateTimeOffset CreatedAt, bool TwoFactorEnabled);

/// <param name="Platform">The slug an agent is bound to; required for PlatformAgent, ignored for other roles.</param>
/// <param name="Password">The initial password the admin hands over; blank to have one generated and shown once.</param>
public sealed record CreateStaffRequest(string? Email, string? DisplayName, string? Role, string? Platform, string? Password);

/// <param name="InitialPassword">Only when it was generated: shown once, never stored in clear.</param>
public sealed record CreatedStaffDto(AdminUserDto User, string? InitialPassword);

public sealed record UpdateUserRequest(string? Role, string? Platform);

public sealed record AdminPlatformDto(int Id, string Slug, string NameZh, string NameEn, bool IsActive);

public sealed record CreatePlatformRequest(string? Slug, string? NameZh, string? NameEn);

/// <param name="IsActive">Null leaves it as it is.</param>
public sealed record UpdatePlatformRequest(string? NameZh, string? NameEn, bool? IsActive);

/// <summary>
/// What an admin does to people and platforms, shared by the admin pages and /api/v1/admin. Refusals are
/// <see cref="DomainValidationException"/> keyed by the JSON field; a missing user or platform is null.
/// </summary>
public sealed class AdminService(UserManager<ApplicationUser> users, DisputesDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The roles an admin gives; merchants register themselves.</summary>
    public static IReadOnlyList<string> StaffRoles { get; } = [Roles.Mediator, Roles.Lawyer, Roles.PlatformAgent, Roles.Admin];

    public async Task<PageOf<AdminUserDto>> ListUsersAsync(string? email, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var term = users.NormalizeEmail(email.Trim());
            query = query.Where(u => u.NormalizedEmail != null && u.NormalizedEmail.Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var ids = await query.OrderBy(u => u.NormalizedEmail).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => u.Id).ToListAsync(cancellationToken);
        return new PageOf<AdminUserDto>(await DescribeAsync(ids, cancellationToken), page, PageSize, total);
    }

    public async Task<AdminUserDto?> FindUserAsync(Guid id, CancellationToken cancellationToken) =>
        (await DescribeAsync([id], cancellationToken)).SingleOrDefault();

    public async Task<CreatedStaffDto> CreateStaffAsync(CreateStaffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        if (errors.RequireText("email", request.Email, AccountService.EmailMaxLength) && !new EmailAddressAttribute().IsValid(request.Email!.Trim()))
        {
            errors.Add("email", "Identity.InvalidEmail", Infrastructure.Problems.Text("Identity.InvalidEmail", request.Email));
        }

        errors.RequireText("displayName", request.DisplayName, MerchantProfile.DisplayNameMaxLength);
        var (role, platformId) = await CheckRoleAsync(errors, request.Role, request.Platform, cancellationToken);
        var generated = string.IsNullOrEmpty(request.Password) ? GeneratePassword() : null;
        var password = generated ?? request.Password!;
        var user = new ApplicationUser
        {
            Email = request.Email?.Trim(),
            UserName = request.Email?.Trim(),
            EmailConfirmed = true,
            DisplayName = request.DisplayName?.Trim() ?? string.Empty,
            PlatformId = platformId,
            CreatedAt = clock.GetUtcNow(),
        };
        if (generated is null)
        {
            foreach (var validator in users.PasswordValidators)
            {
                Add(errors, await validator.ValidateAsync(users, user, password));
            }
        }

        errors.ThrowIfAny();

        // User and role in one transaction: never a person without a role.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ThrowIfFailed(await users.CreateAsync(user, password));
        ThrowIfFailed(await users.AddToRoleAsync(user, role!));
        await transaction.CommitAsync(cancellationToken);
        return new CreatedStaffDto((await FindUserAsync(user.Id, cancellationToken))!, generated);
    }

    /// <summary>Changes a staff member's role and platform binding; their sessions re-check at the next stamp validation.</summary>
    public async Task<AdminUserDto?> UpdateUserAsync(Guid id, UpdateUserRequest request, Guid actingAdmin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return null;
        }

        var current = await users.GetRolesAsync(user);
        var errors = new ValidationErrors();
        var (role, platformId) = await CheckRoleAsync(errors, request.Role, request.Platform, cancellationToken);
        if (current.Contains(Roles.Merchant))
        {
            errors.Add("role", "Web.Admin.MerchantRoleFixed");
        }
        else if (id == actingAdmin && role != Roles.Admin)
        {
            errors.Add("role", "Web.Admin.NotYourself");
        }

        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ThrowIfFailed(await users.RemoveFromRolesAsync(user, current));
        ThrowIfFailed(await users.AddToRoleAsync(user, role!));
        user.PlatformId = platformId;
        ThrowIfFailed(await users.UpdateAsync(user));
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
        return await FindUserAsync(id, cancellationToken);
    }

    /// <summary>A locked user cannot sign in, and their current sessions end at the next stamp validation.</summary>
    public async Task<AdminUserDto?> SetLockedAsync(Guid id, bool locked, Guid actingAdmin, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return null;
        }

        if (locked && id == actingAdmin)
        {
            throw new DomainValidationException([new ValidationError("id", "Web.Admin.NotYourself")]);
        }

        if (locked)
        {
            ThrowIfFailed(await users.SetLockoutEnabledAsync(user, true));
            ThrowIfFailed(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        }
        else
        {
            ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
            ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
        }

        return await FindUserAsync(id, cancellationToken);
    }

    /// <summary>
    /// For someone who lost their phone: authenticator and recovery codes are gone and every session ends; staff
    /// set up a new authenticator at their next sign-in. An admin resets someone else's, never their own.
    /// </summary>
    public async Task<AdminUserDto?> ResetTwoFactorAsync(Guid id, Guid actingAdmin, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return null;
        }

        if (id == actingAdmin)
        {
            throw new DomainValidationException([new ValidationError("id", "Web.Admin.NotYourself")]);
        }

        await SecondFactor.TurnOffAsync(users, user);
        return await FindUserAsync(id, cancellationToken);
    }

    public async Task<List<AdminPlatformDto>> ListPlatformsAsync(CancellationToken cancellationToken) =>
        await db.Platforms.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new AdminPlatformDto(p.Id, p.Slug, p.NameZh, p.NameEn, p.IsActive))
            .ToListAsync(cancellationToken);

    public async Task<AdminPlatformDto> CreatePlatformAsync(CreatePlatformRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var platform = Platform.Create(request.Slug, request.NameZh, request.NameEn);
        if (await db.Platforms.AnyAsync(p => p.Slug == platform.Slug, cancellationToken))
        {
            throw SlugTaken();
        }

        db.Platforms.Add(platform);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Another admin added the same slug a moment ago: the unique index says so.
            db.ChangeTracker.Clear();
            if (await db.Platforms.AnyAsync(p => p.Slug == platform.Slug, cancellationToken))
            {
                throw SlugTaken();
            }

            throw;
        }

        return ToDto(platform);
    }

    public async Task<AdminPlatformDto?> UpdatePlatformAsync(string slug, UpdatePlatformRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await db.Platforms.SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken) is not { } platform)
        {
            return null;
        }

        platform.Rename(request.NameZh, request.NameEn);
        if (request.IsActive is true)
        {
            platform.Activate();
        }
        else if (request.IsActive is false)
        {
            platform.Deactivate();
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(platform);
    }

    public async Task<AdminPlatformDto?> SetActiveAsync(string slug, bool active, CancellationToken cancellationToken)
    {
        if (await db.Platforms.SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken) is not { } platform)
        {
            return null;
        }

        if (active)
        {
            platform.Activate();
        }
        else
        {
            platform.Deactivate();
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(platform);
    }

    /// <summary>16 characters from an alphabet without look-alikes (0/O, 1/l/I), in groups of four.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return string.Join('-', Enumerable.Range(0, 4).Select(i => new string(chars, i * 4, 4)));
    }

    private async Task<(string? Role, int? PlatformId)> CheckRoleAsync(
        ValidationErrors errors, string? role, string? platform, CancellationToken cancellationToken)
    {
        var chosen = StaffRoles.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (string.IsNullOrWhiteSpace(role))
        {
            errors.Add("role", ErrorCodes.Required);
        }
        else if (chosen is null)
        {
            errors.Add("role", ErrorCodes.InvalidValue);
        }

        if (chosen != Roles.PlatformAgent)
        {
            return (chosen, null);
        }

        if (string.IsNullOrWhiteSpace(platform))
        {
            errors.Add("platform", "Web.Admin.PlatformRequired");
            return (chosen, null);
        }

        var slug = platform.Trim();
        var id = await db.Platforms.Where(p => p.Slug == slug).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            errors.Add("platform", ErrorCodes.UnknownPlatform, slug);
        }

        return (chosen, id);
    }

    private async Task<List<AdminUserDto>> DescribeAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.PlatformId,
                u.LockoutEnd,
                u.CreatedAt,
                u.TwoFactorEnabled,
                u.DeletedAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        var slugs = await db.Platforms.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug, cancellationToken);
        var now = clock.GetUtcNow();
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).Select(r => new AdminUserDto(
                r.Id,
                r.Email ?? string.Empty,
                r.DeletedAt is null ? r.DisplayName : Infrastructure.Problems.Text("Merchant.Deleted"),
                CurrentUser.PrimaryRole(r.Roles.Contains),
                r.PlatformId is { } p ? slugs.GetValueOrDefault(p) : null,
                r.LockoutEnd is { } end && end > now,
                r.CreatedAt,
                r.TwoFactorEnabled))
            .ToList();
    }

    private static AdminPlatformDto ToDto(Platform p) => new(p.Id, p.Slug, p.NameZh, p.NameEn, p.IsActive);

    private static DomainValidationException SlugTaken() =>
        new([new ValidationError("slug", "Web.Admin.SlugTaken")]);

    private static void Add(ValidationErrors errors, IdentityResult result)
    {
        foreach (var error in AccountService.ToErrors(result))
        {
            errors.Add(error.Field, error.Code, error.Arguments);
        }
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainValidationException(AccountService.ToErrors(result));
        }
    }
}
