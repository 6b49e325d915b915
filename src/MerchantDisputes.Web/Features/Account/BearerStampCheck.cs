using System.Collections.Concurrent;
using System.Security.Claims;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// What the security-stamp validator does for the sign-in cookie, for bearer tokens: a token whose security stamp is
/// no longer the account's (the account was locked, its role changed, its authenticator reset, its password changed)
/// stops working within <see cref="SecurityStampValidatorOptions.ValidationInterval"/> instead of living until it
/// expires. Each account's current stamp is read at most once per interval per instance.
/// </summary>
internal sealed class BearerStampCheck(RequestDelegate next, TimeProvider clock, IOptions<SecurityStampValidatorOptions> stampOptions, IOptions<IdentityOptions> identity)
{
    private const int MaxRemembered = 50_000;
    private readonly ConcurrentDictionary<Guid, (string? Stamp, DateTimeOffset ReadAt)> _stamps = new();

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
        if (!Guid.TryParse(context.User.FindFirstValue(claims.UserIdClaimType), out var userId))
        {
            return false;
        }

        var stamp = context.User.FindFirstValue(claims.SecurityStampClaimType);
        return stamp is not null && string.Equals(stamp, await CurrentStampAsync(userId, context.RequestServices), StringComparison.Ordinal);
    }

    /// <summary>The account's stamp as last read; the user manager is built only when it must be read again.</summary>
    private async Task<string?> CurrentStampAsync(Guid userId, IServiceProvider services)
    {
        var now = clock.GetUtcNow();
        if (_stamps.TryGetValue(userId, out var known) && now - known.ReadAt < stampOptions.Value.ValidationInterval)
        {
            return known.Stamp;
        }

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        var stamp = user is null ? null : await users.GetSecurityStampAsync(user);
        if (_stamps.Count >= MaxRemembered)
        {
            _stamps.Clear();
        }

        _stamps[userId] = (stamp, now);
        return stamp;
    }
}
