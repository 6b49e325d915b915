using MerchantDisputes.Infrastructure.Identity;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using IdentitySignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// Identity's sign-in, with every step on a known account written to its <see cref="SignInHistory"/>, and every
/// sign-in a session of <see cref="UserSessions"/> that sign-out ends.
/// </summary>
public sealed class AuditedSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    SignInHistory history,
    UserSessions sessions)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<IdentitySignInResult> PasswordSignInAsync(ApplicationUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        await history.RecordAsync(user.Id, SignInMethod.Password, result);
        return result;
    }

    public override async Task<IdentitySignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        await RecordAsync(user, SignInMethod.Authenticator, result);
        return result;
    }

    public override async Task<IdentitySignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        await RecordAsync(user, SignInMethod.RecoveryCode, result);
        return result;
    }

    /// <summary>A deleted account never signs in again, whatever else its row says (docs/privacy.md).</summary>
    public override async Task<bool> CanSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DeletedAt is null && await base.CanSignInAsync(user);
    }

    /// <summary>Every sign-in (password, second step, registration, token) starts a session unless it carries one on.</summary>
    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = additionalClaims.ToList();
        if (!claims.Exists(c => c.Type == UserSessions.SessionClaim))
        {
            claims.AddRange(await sessions.StartAsync(user.Id));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>A new cookie for the same session (after a password change): the session and second-factor proof stay.</summary>
    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var auth = await Context.AuthenticateAsync(AuthenticationScheme);
        var claims = new List<Claim>();
        if (auth.Principal is { } current && string.Equals(UserManager.GetUserId(current), user.Id.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            claims.AddRange(current.Claims.Where(c => c.Type is ClaimTypes.AuthenticationMethod or SecondFactor.AmrClaim
                or UserSessions.SessionClaim or UserSessions.RefreshClaim).Select(c => new Claim(c.Type, c.Value)));
        }

        await SignInWithClaimsAsync(user, auth.Properties, claims);
    }

    /// <summary>The stamp, and the session: a cookie or refresh token of an ended session is no one.</summary>
    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && UserSessions.SessionOf(principal) is { } session && await sessions.IsLiveAsync(user.Id, session)
            ? user
            : null;
    }

    /// <summary>Ends the signed-in session on the server, so its cookie is refused even if replayed.</summary>
    public override async Task SignOutAsync()
    {
        if (UserSessions.SessionOf(Context.User) is { } session && Guid.TryParse(UserManager.GetUserId(Context.User), out var userId))
        {
            await sessions.EndAsync(userId, session);
        }

        await base.SignOutAsync();
    }

    private Task RecordAsync(ApplicationUser? user, SignInMethod method, IdentitySignInResult result) =>
        user is null ? Task.CompletedTask : history.RecordAsync(user.Id, method, result);
}
