using System.Security.Claims;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Web.Features.Account;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// A signed-in person changes their password (page and API alike): the current one is asked for, and every other
/// session of the account ends; the one making the change goes on.
/// </summary>
public sealed class PasswordChange(UserManager<ApplicationUser> users, AccountService accounts, UserSessions sessions)
{
    /// <returns>Field errors, or none when the password was changed and the other sessions ended.</returns>
    public async Task<IReadOnlyList<ValidationError>> ChangeAsync(ApplicationUser user, ClaimsPrincipal principal, ChangePasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            errors.Add("currentPassword", ErrorCodes.Required);
        }

        if (string.IsNullOrEmpty(request.NewPassword))
        {
            errors.Add("newPassword", ErrorCodes.Required);
        }

        await accounts.CheckPasswordAsync(errors, user, request.NewPassword, "newPassword");
        if (errors.Any)
        {
            return errors.All;
        }

        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!changed.Succeeded)
        {
            // A wrong current password counts as a failed sign-in: a stolen session cannot guess its way to the password.
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user);
            }

            return AccountService.ToErrors(changed)
                .Select(e => e.Code == "Identity.PasswordMismatch" ? e with { Field = "currentPassword" }
                    : e.Field == "password" ? e with { Field = "newPassword" }
                    : e)
                .ToList();
        }

        await sessions.EndOthersAsync(user.Id, UserSessions.SessionOf(principal));
        return [];
    }
}
