using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using IdentitySignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>Identity's sign-in, with every step on a known account written to its <see cref="SignInHistory"/>.</summary>
public sealed class AuditedSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    SignInHistory history)
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

    private Task RecordAsync(ApplicationUser? user, SignInMethod method, IdentitySignInResult result) =>
        user is null ? Task.CompletedTask : history.RecordAsync(user.Id, method, result);
}
