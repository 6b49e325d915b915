using System.Security.Claims;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// What the security-stamp validator does for the sign-in cookie, for bearer tokens: a token whose security stamp is
/// no longer the account's (the account was locked, its role changed, its authenticator reset, its password changed),
/// or whose session ended (signed out, refresh token reused, password changed or reset), stops working instead of
/// living until it expires. A session ended on this instance is refused at once; each account's stamp and each
/// session are read at most once per <see cref="SecurityStampValidatorOptions.ValidationInterval"/> per instance, so
/// other instances follow within it.
/// </summary>
internal sealed class BearerStampCheck(RequestDelegate next, TimeProvider clock, SessionGuard guard, IOptions<SecurityStampValidatorOptions> stampOptions, IOptions<IdentityOptions> identity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsBearer(context) || await IsCurrentAsync(context))
        {
            await next(context);
            return;
        }

        // A stale token is no one: where anyone may come (signing in again, public figures) the request goes on
        // anonymous; elsewhere the caller is told the token no longer works.
        if (!AccountsExtensions.EndpointNeedsUser(context))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            await next(context);
            return;
        }

        await TypedResults.Problem(
            Problems.Text("Account.TokenRevoked"),
            statusCode: StatusCodes.Status401Unauthorized,
            title: Problems.Text("Problem.Unauthorized")).ExecuteAsync(context);
    }

    private static bool IsBearer(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && AccountsExtensions.SendsBearer(context);

    private async Task<bool> IsCurrentAsync(HttpContext context)
    {
        var claims = identity.Value.ClaimsIdentity;
        if (!Guid.TryParse(context.User.FindFirstValue(claims.UserIdClaimType), out var userId)
            || UserSessions.SessionOf(context.User) is not { } session
            || guard.HasEnded(session))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var interval = stampOptions.Value.ValidationInterval;
        var stamp = context.User.FindFirstValue(claims.SecurityStampClaimType);
        var services = context.RequestServices;
        return stamp is not null
            && string.Equals(stamp, await guard.StampAsync(userId, now, interval, () => ReadStampAsync(userId, services)), StringComparison.Ordinal)
            && await guard.IsLiveAsync(session, now, interval, () => services.GetRequiredService<UserSessions>().IsLiveAsync(userId, session));
    }

    /// <summary>The account's stamp; the user manager is built only when it must be read again.</summary>
    private static async Task<string?> ReadStampAsync(Guid userId, IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        return user is null ? null : await users.GetSecurityStampAsync(user);
    }
}
