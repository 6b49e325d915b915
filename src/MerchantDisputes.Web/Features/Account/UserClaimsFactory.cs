using System.Globalization;
using System.Security.Claims;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>Adds the display name and, for platform agents, the platform they are bound to.</summary>
internal sealed class UserClaimsFactory(
    UserManager<ApplicationUser> users,
    RoleManager<ApplicationRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, ApplicationRole>(users, roles, options)
{
    public const string PlatformClaim = "platform_id";
    public const string DisplayNameClaim = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.PlatformId is { } platformId)
        {
            identity.AddClaim(new Claim(PlatformClaim, platformId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
