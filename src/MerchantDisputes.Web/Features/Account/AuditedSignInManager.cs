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
    UserSessions sessions,
    SignInThrottle throttle)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>An unknown name costs the same hashing and meets the same throttle as a known one.</summary>
    public override async Task<IdentitySignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        return user is null
            ? await RefuseStrangerAsync(userName, password)
            : await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    /// <summary>A password for a name no account has: refused after the work a wrong password on an account costs.</summary>
    public async Task<IdentitySignInResult> RefuseStrangerAsync(string userName, string password)
    {
        var account = UserManager.NormalizeName(userName) ?? string.Empty;
        var refused = await throttle.RefusesAsync(account, AddressKey, () => Task.FromResult(false));
        throttle.VerifyAsStranger(UserManager.PasswordHasher, password);
        if (!refused)
        {
            throttle.Failed(account, AddressKey);
        }

        return refused ? IdentitySignInResult.LockedOut : IdentitySignInResult.Failed;
    }

    /// <summary>
    /// Every password check (sign-in, and the API's refusal of staff without an authenticator) meets the per-address and
    /// per-account throttle (<see cref="SignInThrottle"/>) instead of Identity's account-wide lockout.
    /// </summary>
    public override async Task<IdentitySignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var account = UserManager.NormalizeName(user.UserName) ?? string.Empty;
        var address = AddressKey;
        if (await throttle.RefusesAsync(account, address, () => history.HasSucceededFromAsync(user.Id, Context.Connection.RemoteIpAddress?.ToString())))
        {
            throttle.VerifyAsStranger(UserManager.PasswordHasher, password);
            return IdentitySignInResult.LockedOut;
        }

        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(account, address);
        }
        else if (!result.IsLockedOut && !result.IsNotAllowed)
        {
            throttle.Failed(account, address);
        }

        return result;
    }

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

    /// <summary>The client's address as the throttle counts it (none, in a test host: one key for all).</summary>
    private string AddressKey => Context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;

    private Task RecordAsync(ApplicationUser? user, SignInMethod method, IdentitySignInResult result) =>
        user is null ? Task.CompletedTask : history.RecordAsync(user.Id, method, result);
}
