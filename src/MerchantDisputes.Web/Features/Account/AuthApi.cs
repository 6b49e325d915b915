using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>Email and password; for an account with an authenticator also its current code or one recovery code.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null, string? TwoFactorRecoveryCode = null);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>POST /api/v1/auth/register|login|refresh|logout|forgot-password|reset-password.</summary>
public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous().DisableAntiforgery();
        group.MapPost("/register", Register).WithName("Register").RequireRateLimiting(Protection.Register)
            .WithSummary("Register as a merchant. Other roles are created by an admin. An address that already has an account gets the same answer (its owner is told by e-mail).");
        group.MapPost("/login", Login).WithName("Login").RequireRateLimiting(Protection.SignIn)
            .WithSummary("Exchange email and password for a bearer token (tokenType, accessToken, expiresIn, refreshToken).")
            .Produces<AccessTokenResponse>();
        group.MapPost("/refresh", Refresh).WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new bearer token and a new refresh token. A refresh token works once: using one again ends its whole session (401), every token of it included.")
            .Produces<AccessTokenResponse>();
        group.MapPost("/forgot-password", ForgotPassword).WithName("ForgotPassword").RequireRateLimiting(Protection.PasswordReset)
            .WithSummary("Ask for a password-reset link by e-mail (valid one hour, once). Always 202 for a well-formed address: the answer never tells whether an account has it. 429 when the client or the address asked too often.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/reset-password", ResetPassword).WithName("ResetPassword").RequireRateLimiting(Protection.PasswordReset)
            .WithSummary("Set a new password with the email and token of the reset link. Ends a lockout from failed sign-ins; the token then stops working, and so do the account's other sessions and tokens.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        MapLogout(app);
    }

    /// <summary>Outside the anonymous group: only a signed-in caller has a session to end.</summary>
    private static void MapLogout(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/logout", Logout).WithName("Logout").WithTags("Auth")
            .RequireAuthorization(AccountsExtensions.ApiPolicy).DisableAntiforgery()
            .WithSummary("End the caller's session on the server: its access token, its refresh token and its cookie stop working.");
    }

    private static async Task<NoContent> Logout(HttpContext http, UserSessions sessions, SignInManager<ApplicationUser> signIn, Caching.BearerTickets tickets)
    {
        if (!AccountsExtensions.SendsBearer(http))
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }

        if (UserSessions.SessionOf(http.User) is { } session && Guid.TryParse(signIn.UserManager.GetUserId(http.User), out var userId))
        {
            await sessions.EndAsync(userId, session);
        }

        tickets.Forget(http.Request.Headers.Authorization.ToString());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ForgotPassword(
        ForgotPasswordRequest request, PasswordRecovery recovery, HttpResponse response, CancellationToken cancellationToken)
    {
        var outcome = await recovery.RequestLinkAsync(request.Email, cancellationToken);
        return outcome.Errors.Count > 0 ? Problems.Validation(outcome.Errors)
            : outcome.RetryAfter is { } wait ? Problems.TooManyRequests(response, wait)
            : TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ValidationProblem>> ResetPassword(ResetPasswordRequest request, PasswordRecovery recovery)
    {
        var errors = await recovery.ResetAsync(request);
        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.NoContent();
    }

    private static async Task<Results<Created<MeDto>, ValidationProblem>> Register(RegisterRequest request, AccountService accounts)
    {
        // A taken address is answered as a new one (with a stand-in); its owner is told by e-mail.
        var registration = await accounts.RegisterMerchantAsync(request);
        return registration.User is not { } user
            ? Problems.Validation(registration.Errors)
            : TypedResults.Created("/api/v1/me", MeDto.From(user, [Domain.Users.Roles.Merchant], null));
    }

    /// <summary>The bearer handler writes the token response itself when the sign-in succeeds.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> Login(
        LoginRequest request, AuditedSignInManager signIn, SignInHistory history)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Validation(
                string.IsNullOrWhiteSpace(request.Email) ? "email" : "password", Domain.Validation.ErrorCodes.Required);
        }

        var user = await signIn.UserManager.FindByNameAsync(request.Email.Trim());
        if (user is null)
        {
            return Refused(await signIn.RefuseStrangerAsync(request.Email.Trim(), request.Password));
        }

        if (await MustEnrolFirstAsync(signIn, user))
        {
            return await RefuseUntilEnrolledAsync(request.Password, user, signIn, history);
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return await SecondStepAsync(request, signIn);
        }

        return result.Succeeded ? TypedResults.Empty : Refused(result);
    }

    /// <summary>A Mediator, Lawyer or Admin without an authenticator gets no token: they set one up in the pages first.</summary>
    private static async Task<bool> MustEnrolFirstAsync(SignInManager<ApplicationUser> signIn, ApplicationUser user) =>
        !user.TwoFactorEnabled && SecondFactor.IsRequiredFor(await signIn.UserManager.GetRolesAsync(user));

    private static async Task<ProblemHttpResult> RefuseUntilEnrolledAsync(
        string password, ApplicationUser user, SignInManager<ApplicationUser> signIn, SignInHistory history)
    {
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        await history.RecordAsync(user.Id, SignInMethod.Password, check.Succeeded ? Microsoft.AspNetCore.Identity.SignInResult.NotAllowed : check);
        return check.Succeeded
            ? TypedResults.Problem(
                Problems.Text("Account.SecondFactorSetup.Detail", SecondFactor.EnrolPath),
                statusCode: StatusCodes.Status403Forbidden,
                title: Problems.Text("Account.SecondFactorSetup"),
                extensions: new Dictionary<string, object?> { ["secondFactorSetupRequired"] = true })
            : Refused(check);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> SecondStepAsync(LoginRequest request, SignInManager<ApplicationUser> signIn)
    {
        var result = !string.IsNullOrWhiteSpace(request.TwoFactorCode)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode, isPersistent: false, rememberClient: false)
            : !string.IsNullOrWhiteSpace(request.TwoFactorRecoveryCode)
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCodes.Normalize(request.TwoFactorRecoveryCode))
                : null;
        if (result is null)
        {
            return SecondFactorProblem("Account.SecondFactorRequired.Api");
        }

        return result.Succeeded ? TypedResults.Empty
            : result.IsLockedOut ? Refused(result)
            : SecondFactorProblem("Account.InvalidCode");
    }

    /// <summary>401 naming the field to fill: the password was right, the second step is missing or wrong.</summary>
    private static ProblemHttpResult SecondFactorProblem(string messageKey)
    {
        var message = Problems.Text(messageKey);
        return TypedResults.Problem(
            message,
            statusCode: StatusCodes.Status401Unauthorized,
            title: Problems.Text("Account.SecondFactorRequired"),
            extensions: new Dictionary<string, object?>
            {
                ["secondFactorRequired"] = true,
                ["errors"] = new Dictionary<string, string[]> { ["twoFactorCode"] = [message] },
            });
    }

    private static ProblemHttpResult Refused(Microsoft.AspNetCore.Identity.SignInResult result) =>
        Problems.Unauthorized(Problems.Text(result.IsLockedOut ? "Account.LockedOut" : "Account.InvalidLogin"));

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> Refresh(
        RefreshRequest request,
        SignInManager<ApplicationUser> signIn,
        UserSessions sessions,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || UserSessions.SessionOf(ticket.Principal) is not { } session
            || ticket.Principal.FindFirst(UserSessions.RefreshClaim)?.Value is not { } generation
            || await sessions.RotateAsync(user.Id, session, generation) is not { } next)
        {
            return TypedResults.Challenge();
        }

        // A new token proves what the old one proved: the second factor, when it was given, is carried over; the
        // session goes on with the next refresh generation.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        SecondFactor.CarryProof(ticket.Principal, principal);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaims(
            [new System.Security.Claims.Claim(UserSessions.SessionClaim, session), next]);

        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
