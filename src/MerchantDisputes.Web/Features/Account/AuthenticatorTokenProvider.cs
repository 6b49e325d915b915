using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// Checks authenticator-app codes against the app's <see cref="TimeProvider"/> (Identity's own provider reads the
/// wall clock), accepts the step before and after the current one for clock drift, and accepts each code once:
/// the last step used is kept with the user, and a code of that step or an earlier one is refused (RFC 6238 §5.2),
/// so a code read over a shoulder or from a log is worth nothing after its owner used it.
/// </summary>
public sealed class AuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string Name = "Totp";
    private const string Store = "MerchantDisputes";
    private const string LastStepToken = "AuthenticatorLastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>The app on the user's phone makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || !Totp.TryNormalize(token, out var code))
        {
            return false;
        }

        var step = MatchingStep(key, code);
        if (step is null || step <= await LastStepAsync(manager, user))
        {
            return false;
        }

        // Two requests racing with one code: the user row's concurrency stamp lets only one of them record the step.
        var recorded = await manager.SetAuthenticationTokenAsync(user, Store, LastStepToken, step.Value.ToString(CultureInfo.InvariantCulture));
        return recorded.Succeeded;
    }

    private long? MatchingStep(string key, string code)
    {
        var now = Totp.StepAt(clock.GetUtcNow());
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(key, step)), Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    private static async Task<long> LastStepAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var text = await manager.GetAuthenticationTokenAsync(user, Store, LastStepToken);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : long.MinValue;
    }
}
