using System.Globalization;
using System.Security.Claims;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>Reads the acting person from the signed-in principal.</summary>
public static class CurrentUser
{
    // Someone given two roles acts in the most privileged one; the admin assigns one role per person.
    private static readonly string[] RolePriority =
        [Roles.Admin, Roles.Mediator, Roles.Lawyer, Roles.PlatformAgent, Roles.Merchant];

    public static Actor? ToActor(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        var role = PrimaryRole(principal.IsInRole);
        if (role is null)
        {
            return null;
        }

        int? platform = int.TryParse(principal.FindFirstValue(UserClaimsFactory.PlatformClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p
            : null;
        return new Actor(id, role, role == Roles.PlatformAgent ? platform : null);
    }

    /// <summary>The role a person acts in when they hold several.</summary>
    public static string? PrimaryRole(Func<string, bool> holds) => RolePriority.FirstOrDefault(holds);

    public static Actor RequireActor(this ClaimsPrincipal principal) =>
        principal.ToActor() ?? throw new InvalidOperationException("The endpoint requires a signed-in user with a role.");
}
