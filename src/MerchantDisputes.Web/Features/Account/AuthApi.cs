using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Account;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>POST /api/v1/auth/register|login|refresh.</summary>
public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous().DisableAntiforgery();
        group.MapPost("/register", Register).WithName("Register").RequireRateLimiting(Protection.Register)
            .WithSummary("Register as a merchant. Other roles are created by an admin.");
        group.MapPost("/login", Login).WithName("Login").RequireRateLimiting(Protection.SignIn)
            .WithSummary("Exchange email and password for a bearer token (tokenType, accessToken, expiresIn, refreshToken).")
            .Produces<AccessTokenResponse>();
        group.MapPost("/refresh", Refresh).WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new bearer token.")
            .Produces<AccessTokenResponse>();
    }

    private static async Task<Results<Created<MeDto>, ValidationProblem>> Register(RegisterRequest request, AccountService accounts)
    {
        var (user, errors) = await accounts.RegisterMerchantAsync(request);
        return user is null
            ? Problems.Validation(errors)
            : TypedResults.Created("/api/v1/me", MeDto.From(user, [Domain.Users.Roles.Merchant], null));
    }

    /// <summary>The bearer handler writes the token response itself when the sign-in succeeds.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> Login(
        LoginRequest request, SignInManager<ApplicationUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Validation(
                string.IsNullOrWhiteSpace(request.Email) ? "email" : "password", Domain.Validation.ErrorCodes.Required);
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        return Problems.Unauthorized(Problems.Text(result.IsLockedOut ? "Account.LockedOut" : "Account.InvalidLogin"));
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> Refresh(
        RefreshRequest request,
        SignInManager<ApplicationUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Challenge();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
