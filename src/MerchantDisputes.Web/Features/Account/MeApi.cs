using System.Security.Claims;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Account;

public sealed record MeDto(
    Guid Id,
    string? Email,
    string DisplayName,
    string? StoreName,
    string? Province,
    Gender? Gender,
    IReadOnlyList<string> Roles,
    string? Platform,
    string? StoreId = null,
    bool PublicNameConsent = false)
{
    public static MeDto From(ApplicationUser user, IReadOnlyList<string> roles, string? platformSlug)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email, user.DisplayName, user.StoreName, user.Province, user.Gender, roles, platformSlug, user.StoreId, user.PublicNameConsent);
    }
}

/// <param name="PublicNameConsent">Merchants: whether the public feed may show their masked name; null leaves it as it is.</param>
public sealed record UpdateMeRequest(
    string? DisplayName, string? StoreName, string? Province, Gender? Gender, string? StoreId = null, bool? PublicNameConsent = null);

/// <summary>GET|PUT /api/v1/me, GET /api/v1/me/sign-ins, POST /api/v1/me/password.</summary>
public static class MeApi
{
    public static void MapMeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Me").RequireAuthorization(AccountsExtensions.ApiPolicy).DisableAntiforgery();
        group.MapGet("/", Get).WithName("GetMe").WithSummary("The signed-in user's profile and roles.");
        group.MapGet("/sign-ins", SignIns).WithName("GetMySignIns")
            .WithSummary("The signed-in user's latest sign-in attempts, newest first: time, outcome, method, address, device.");
        group.MapPost("/password", ChangePassword).WithName("ChangeMyPassword")
            .WithSummary("Change the password (currentPassword, newPassword). Every other session of the account ends; a bearer caller gets new tokens for its own (the old ones carry the old security stamp).")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>();
        group.MapPut("/", Update).WithName("UpdateMe").WithSummary("Change the profile; merchants also their store, province and gender.");
    }

    private static async Task<Results<Ok<MeDto>, NotFound>> Get(ClaimsPrincipal principal, UserManager<ApplicationUser> users, DisputesDbContext db)
    {
        var user = await users.GetUserAsync(principal);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(await DescribeAsync(user, users, db));
    }

    private static async Task<Results<Ok<IReadOnlyList<SignInEventDto>>, NotFound>> SignIns(
        ClaimsPrincipal principal, UserManager<ApplicationUser> users, SignInHistory history, CancellationToken cancellationToken) =>
        await users.GetUserAsync(principal) is { } user
            ? TypedResults.Ok(await history.RecentAsync(user.Id, cancellationToken))
            : TypedResults.NotFound();

    private static async Task<Results<SignInHttpResult, NoContent, NotFound, ValidationProblem>> ChangePassword(
        ChangePasswordRequest request, HttpContext http, SignInManager<ApplicationUser> signIn, PasswordChange change, UserSessions sessions)
    {
        if (await signIn.UserManager.GetUserAsync(http.User) is not { } user)
        {
            return TypedResults.NotFound();
        }

        var errors = await change.ChangeAsync(user, http.User, request);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!AccountsExtensions.SendsBearer(http))
        {
            await signIn.RefreshSignInAsync(user);
            return TypedResults.NoContent();
        }

        // The same session, under the new stamp, with a new refresh generation.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        SecondFactor.CarryProof(http.User, principal);
        if (UserSessions.SessionOf(http.User) is { } session)
        {
            ((ClaimsIdentity)principal.Identity!).AddClaims([new Claim(UserSessions.SessionClaim, session), await sessions.RenewAsync(user.Id, session)]);
        }

        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<Ok<MeDto>, NotFound, ValidationProblem>> Update(
        UpdateMeRequest request, ClaimsPrincipal principal, UserManager<ApplicationUser> users, DisputesDbContext db)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (await users.IsInRoleAsync(user, Roles.Merchant))
        {
            AccountService.Apply(user, MerchantProfile.Create(request.DisplayName, request.StoreName, request.Province, request.Gender, request.StoreId));
            user.PublicNameConsent = request.PublicNameConsent ?? user.PublicNameConsent;
        }
        else
        {
            var errors = new ValidationErrors();
            errors.RequireText("displayName", request.DisplayName, MerchantProfile.DisplayNameMaxLength);
            errors.ThrowIfAny();
            user.DisplayName = request.DisplayName!.Trim();
        }

        var result = await users.UpdateAsync(user);
        return result.Succeeded
            ? TypedResults.Ok(await DescribeAsync(user, users, db))
            : Problems.Validation(AccountService.ToErrors(result));
    }

    private static async Task<MeDto> DescribeAsync(ApplicationUser user, UserManager<ApplicationUser> users, DisputesDbContext db)
    {
        var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        var slug = user.PlatformId is { } id
            ? await db.Platforms.AsNoTracking().Where(p => p.Id == id).Select(p => p.Slug).SingleOrDefaultAsync()
            : null;
        return MeDto.From(user, roles, slug);
    }
}
