using System.Security.Claims;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Web.Features.Privacy;

public sealed record DeleteAccountRequest(string? Password);

/// <summary>A person's rights over their data: GET /api/v1/me/export (one ZIP) and POST /api/v1/me/delete.</summary>
public static class PrivacyApi
{
    public static void AddPrivacy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<DataExport>();
        builder.Services.AddScoped<AccountDeletion>();
    }

    public static void MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Me").RequireAuthorization(AccountsExtensions.ApiPolicy).DisableAntiforgery();
        group.MapGet("/export", Export).WithName("ExportMyData").RequireRateLimiting(Protection.Exports)
            .WithSummary("Everything the app holds about the caller as one ZIP (profile, cases, messages, evidence, notifications, sign-ins), with manifest.json and README.txt.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        group.MapPost("/delete", Delete).WithName("DeleteMyAccount")
            .WithSummary("A merchant deletes their account, confirmed with the password: personal data erased, sessions ended, cases kept as 已注销商家, open cases withdrawn, drafts deleted.");
    }

    private static async Task<IResult> Export(ClaimsPrincipal principal, UserManager<ApplicationUser> users, DataExport export, TimeProvider clock, HttpContext http)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return TypedResults.NotFound();
        }

        return Download(export, user, clock, http);
    }

    /// <summary>The ZIP written straight to the response as it is built.</summary>
    public static IResult Download(DataExport export, ApplicationUser user, TimeProvider clock, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(stream => export.WriteAsync(stream, user, http.RequestAborted), "application/zip", DataExport.FileName(clock.GetUtcNow()));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Delete(
        DeleteAccountRequest request, ClaimsPrincipal principal, UserManager<ApplicationUser> users, AccountDeletion deletion, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(principal) is not { } user)
        {
            return TypedResults.NotFound();
        }

        return await deletion.DeleteAsync(user, request.Password, cancellationToken) switch
        {
            DeletionOutcome.Deleted => TypedResults.NoContent(),
            DeletionOutcome.NotAMerchant => Problems.Forbidden(),
            _ => Problems.Validation("password", "Web.Privacy.WrongPassword"),
        };
    }
}
