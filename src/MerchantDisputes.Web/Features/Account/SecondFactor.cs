using System.Security.Claims;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// Who must prove a second factor, and how a signed-in principal shows it did: Identity puts the claim
/// amr = mfa (RFC 8176) on a principal signed in with a password and an authenticator or recovery code.
/// </summary>
public static class SecondFactor
{
    public const string AmrClaim = "amr";
    public const string MfaValue = "mfa";
    public const string EnrolPath = "/Account/TwoFactor";

    /// <summary>Staff who see every case, give legal opinions or run the site; merchants and agents may opt in.</summary>
    public static IReadOnlyList<string> RequiredRoles { get; } = [Roles.Mediator, Roles.Lawyer, Roles.Admin];

    public static bool IsRequiredFor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return RequiredRoles.Any(user.IsInRole);
    }

    public static bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(r => RequiredRoles.Contains(r, StringComparer.Ordinal));

    public static bool WasUsed(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(AmrClaim, MfaValue);
    }

    public static Claim ProofClaim() => new(AmrClaim, MfaValue);

    /// <summary>
    /// Puts the proof of a second factor on a principal rebuilt from the account (a security-stamp check, a token
    /// refresh) when the principal it replaces carried it: rebuilding from the account alone drops it.
    /// </summary>
    public static void CarryProof(ClaimsPrincipal? from, ClaimsPrincipal? to)
    {
        if (from is not null && WasUsed(from) && to?.Identity is ClaimsIdentity identity && !WasUsed(to))
        {
            identity.AddClaim(ProofClaim());
        }
    }

    /// <summary>No authenticator, no recovery codes, a new key for the next set-up; other sessions end (new security stamp).</summary>
    public static async Task TurnOffAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.ResetAuthenticatorKeyAsync(user);
    }
}

/// <summary>Marks an endpoint a signed-in user may use before setting up a required second factor (enrolment, sign-out).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class AllowWithoutSecondFactorAttribute : Attribute;

/// <summary>
/// Stops a Mediator, Lawyer or Admin who signed in with a password alone at every endpoint that needs a signed-in
/// user: pages send them to set up their authenticator, the API answers 403. Runs after authorisation, so the
/// bearer principal of an API request is known too.
/// </summary>
internal sealed class SecondFactorGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!MustStop(context))
        {
            return next(context);
        }

        if (HostingExtensions.IsApi(context))
        {
            return TypedResults.Problem(
                Problems.Text("Account.SecondFactorRequired.Detail"),
                statusCode: StatusCodes.Status403Forbidden,
                title: Problems.Text("Account.SecondFactorRequired"),
                extensions: new Dictionary<string, object?> { ["secondFactorRequired"] = true }).ExecuteAsync(context);
        }

        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect(SecondFactor.EnrolPath + "?ReturnUrl=" + Uri.EscapeDataString(back));
        return Task.CompletedTask;
    }

    private static bool MustStop(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !SecondFactor.IsRequiredFor(user) || SecondFactor.WasUsed(user))
        {
            return false;
        }

        // The job dashboard authorises in its own filter, outside endpoint metadata.
        if (context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return AccountsExtensions.EndpointNeedsUser(context)
            && context.GetEndpoint()!.Metadata.GetMetadata<AllowWithoutSecondFactorAttribute>() is null;
    }
}

/// <summary>One-time recovery codes as Identity makes them ("XXXXX-XXXXX"), typed however the user types them.</summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    public static string Normalize(string? input)
    {
        var code = new string((input ?? string.Empty).Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return code.Length == 10 ? code[..5] + "-" + code[5..] : code;
    }
}
