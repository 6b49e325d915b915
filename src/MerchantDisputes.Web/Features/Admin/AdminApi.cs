using System.Security.Claims;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Disputes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MerchantDisputes.Web.Features.Admin;

/// <summary>
/// /api/v1/admin: the admin pages' actions for API clients, under the same rules (AdminService). Admins only:
/// anyone else signed in gets 403, anonymous callers 401. Field errors come as ProblemDetails.
/// </summary>
public static class AdminApi
{
    public const string Policy = "AdminApi";

    public static void AddAdmin(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AdminService>();

        // A role change or a lock renews the security stamp; sessions notice within a minute instead of thirty.
        builder.Services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }

    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policy).DisableAntiforgery();
        group.MapGet("/users", ListUsers).WithName("AdminListUsers").WithSummary("Users with their role, optionally searched by email.");
        group.MapGet("/users/{id:guid}", GetUser).WithName("AdminGetUser").WithSummary("One user with role, platform binding and lock state.");
        group.MapPost("/users", CreateUser).WithName("AdminCreateStaff")
            .WithSummary("Creates a mediator, lawyer, platform agent or admin. Without a password one is generated and returned once.");
        group.MapPut("/users/{id:guid}", UpdateUser).WithName("AdminUpdateUser").WithSummary("Changes a staff member's role and platform binding.");
        group.MapPost("/users/{id:guid}/lock", Lock).WithName("AdminLockUser").WithSummary("Stops a user from signing in.");
        group.MapPost("/users/{id:guid}/unlock", Unlock).WithName("AdminUnlockUser").WithSummary("Lets a locked user sign in again.");
        group.MapPost("/users/{id:guid}/two-factor/reset", ResetTwoFactor).WithName("AdminResetTwoFactor")
            .WithSummary("Removes a user's authenticator and recovery codes and ends their sessions (a lost phone).");
        group.MapGet("/users/{id:guid}/sign-ins", SignIns).WithName("AdminUserSignIns")
            .WithSummary("A user's latest sign-in attempts, newest first: time, outcome, method, address, device.");
        group.MapGet("/platforms", ListPlatforms).WithName("AdminListPlatforms").WithSummary("Every platform, active or not.");
        group.MapPost("/platforms", CreatePlatform).WithName("AdminCreatePlatform").WithSummary("Adds a platform (slug, Chinese and English names).");
        group.MapGet("/calendar/{year:int:range(2000,2100)}", CalendarYear).WithName("AdminCalendarYear")
            .WithSummary("A year's holidays and worked weekend days (调休) as deadlines count them, and whether a year lacks data.");
        group.MapPut("/calendar/days/{date}", SetCalendarDay).WithName("AdminSetCalendarDay")
            .WithSummary("Adds or corrects one day (isOffDay, name, reason); running deadlines across it move, and the change is kept.");
        group.MapGet("/calendar/changes", CalendarChanges).WithName("AdminCalendarChanges")
            .WithSummary("The calendar's audit trail, newest first: who changed which day, why, and how many deadlines moved.");
        group.MapPut("/platforms/{slug}", UpdatePlatform).WithName("AdminUpdatePlatform").WithSummary("Renames a platform and (de)activates it; the slug never changes.");
    }

    private static async Task<Ok<PageOf<AdminUserDto>>> ListUsers(string? email, int? page, AdminService admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListUsersAsync(email, page ?? 1, cancellationToken));

    private static async Task<Results<Ok<AdminUserDto>, NotFound>> GetUser(Guid id, AdminService admin, CancellationToken cancellationToken) =>
        await admin.FindUserAsync(id, cancellationToken) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    private static async Task<Created<CreatedStaffDto>> CreateUser(CreateStaffRequest body, AdminService admin, CancellationToken cancellationToken)
    {
        var created = await admin.CreateStaffAsync(body, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/users/{created.User.Id}", created);
    }

    private static async Task<Results<Ok<AdminUserDto>, NotFound>> UpdateUser(
        Guid id, UpdateUserRequest body, ClaimsPrincipal user, AdminService admin, CancellationToken cancellationToken) =>
        await admin.UpdateUserAsync(id, body, Me(user), cancellationToken) is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound();

    private static async Task<Results<Ok<AdminUserDto>, NotFound>> Lock(Guid id, ClaimsPrincipal user, AdminService admin, CancellationToken cancellationToken) =>
        await admin.SetLockedAsync(id, locked: true, Me(user), cancellationToken) is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound();

    private static async Task<Results<Ok<AdminUserDto>, NotFound>> Unlock(Guid id, ClaimsPrincipal user, AdminService admin, CancellationToken cancellationToken) =>
        await admin.SetLockedAsync(id, locked: false, Me(user), cancellationToken) is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound();

    private static async Task<Results<Ok<AdminUserDto>, NotFound>> ResetTwoFactor(Guid id, ClaimsPrincipal user, AdminService admin, CancellationToken cancellationToken) =>
        await admin.ResetTwoFactorAsync(id, Me(user), cancellationToken) is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<SignInEventDto>>, NotFound>> SignIns(
        Guid id, AdminService admin, SignInHistory history, CancellationToken cancellationToken) =>
        await admin.FindUserAsync(id, cancellationToken) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await history.RecentAsync(id, cancellationToken));

    private static async Task<Ok<Features.Calendar.CalendarYearDto>> CalendarYear(int year, Features.Calendar.CalendarService calendar, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.YearAsync(year, cancellationToken));

    private static async Task<Ok<Features.Calendar.CalendarChangeDto>> SetCalendarDay(
        DateOnly date, Features.Calendar.SetCalendarDayRequest body, ClaimsPrincipal user, Features.Calendar.CalendarService calendar, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.SetDayAsync(date, body, Me(user), cancellationToken));

    private static async Task<Ok<List<Features.Calendar.CalendarChangeDto>>> CalendarChanges(Features.Calendar.CalendarService calendar, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.ChangesAsync(cancellationToken));

    private static async Task<Ok<List<AdminPlatformDto>>> ListPlatforms(AdminService admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListPlatformsAsync(cancellationToken));

    private static async Task<Created<AdminPlatformDto>> CreatePlatform(CreatePlatformRequest body, AdminService admin, CancellationToken cancellationToken)
    {
        var created = await admin.CreatePlatformAsync(body, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/platforms/{created.Slug}", created);
    }

    private static async Task<Results<Ok<AdminPlatformDto>, NotFound>> UpdatePlatform(
        string slug, UpdatePlatformRequest body, AdminService admin, CancellationToken cancellationToken) =>
        await admin.UpdatePlatformAsync(slug, body, cancellationToken) is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound();

    private static Guid Me(ClaimsPrincipal user) => user.ToActor()?.UserId ?? Guid.Empty;
}
