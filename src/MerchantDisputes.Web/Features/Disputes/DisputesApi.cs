using System.Globalization;
using System.Security.Claims;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Disputes;

public static class DisputesExtensions
{
    public static void AddDisputes(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DisputeOptions>().BindConfiguration(DisputeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<DisputeCommands>();
        builder.Services.AddScoped<DisputeQueries>();
        builder.Services.AddScoped<CaseSummaries>();
        builder.Services.AddSingleton<SummaryStyle>();
        builder.Services.AddSingleton<QueueTotals>();
        builder.Services.AddSingleton<DetailAnswers>();
        builder.Services.AddScoped<Notifications.CaseNotifier>();
    }
}

/// <summary>/api/v1/disputes: file, list, read, edit and withdraw cases. Every read is scoped by role.</summary>
public static class DisputesApi
{
    public static void MapDisputesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/disputes").WithTags("Disputes")
            .RequireAuthorization(AccountsExtensions.ApiPolicy).DisableAntiforgery();
        group.MapPost("/", Create).WithName("CreateDispute")
            .WithSummary("File a draft dispute (merchants). Answers 201 with the draft.");
        group.MapGet("/", List).WithName("ListDisputes")
            .WithSummary("The disputes the caller may see, filtered by status, type, platform, a search term (q: case number, order number, store name or store id) and mine (a mediator's claimed cases), paged.");
        group.MapGet("/export", Export).WithName("ExportDisputes")
            .WithSummary("The same list, every page (up to 10,000 cases), as CSV (UTF-8 with BOM), for staff.");
        group.MapGet("/{id:guid}/deadline", GetDeadline).WithName("GetDisputeDeadline")
            .WithSummary("The case's running deadline as people say it, with the time left (working days and hours for a working-day window); 204 when no timer runs.");
        group.MapGet("/{id:guid}", Get).WithName("GetDispute")
            .WithSummary("One dispute with its timeline; 404 when it does not exist or the caller may not see it.");
        group.MapPut("/{id:guid}", Edit).WithName("EditDispute")
            .WithSummary("Replace a draft's content (its merchant, while it is a draft). Send If-Match with the version to guard against lost updates.");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteDraft")
            .WithSummary("The merchant deletes a draft that was never submitted, with its evidence: 204. A submitted case is withdrawn, never deleted: 409.");
        group.MapPost("/{id:guid}/submit", Submit).WithName("SubmitDispute")
            .WithSummary("The merchant submits a draft with at least one piece of evidence; 422 without.");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawDispute")
            .WithSummary("The merchant withdraws a case that has not ended.");
    }

    private static async Task<Results<Created<DisputeDto>, ProblemHttpResult>> Create(
        DisputeInput input, ClaimsPrincipal user, DisputeCommands commands, DisputesDbContext db, CancellationToken cancellationToken)
    {
        if (user.ToActor() is not { } actor)
        {
            return Problems.Forbidden();
        }

        var dispute = await commands.CreateAsync(actor, input, cancellationToken);
        var dto = await ToDtoAsync(db, dispute, cancellationToken);
        return TypedResults.Created($"/api/v1/disputes/{dispute.Id}", dto);
    }

    private static async Task<Results<Ok<PageOf<DisputeSummaryDto>>, ProblemHttpResult>> List(
        ClaimsPrincipal user,
        DisputeQueries queries,
        CancellationToken cancellationToken,
        DisputeStatus? status = null,
        DisputeType? type = null,
        string? platform = null,
        int page = 1,
        int pageSize = 20,
        string? q = null,
        bool mine = false)
    {
        if (user.ToActor() is not { } actor)
        {
            return Problems.Forbidden();
        }

        return TypedResults.Ok(await queries.ListAsync(actor, new DisputeFilter(status, type, platform, page, pageSize, q, mine), cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        ClaimsPrincipal user,
        DisputeQueries queries,
        TimeProvider clock,
        Microsoft.Extensions.Localization.IStringLocalizerFactory localizers,
        CancellationToken cancellationToken,
        DisputeStatus? status = null,
        DisputeType? type = null,
        string? platform = null,
        string? q = null,
        bool mine = false)
    {
        if (user.ToActor() is not { } actor || actor.Is(Domain.Users.Roles.Merchant))
        {
            return Problems.Forbidden();
        }

        var items = await queries.ExportAsync(actor, new DisputeFilter(status, type, platform, Search: q, Mine: mine), QueueCsv.MaxRows, cancellationToken);
        return TypedResults.File(QueueCsv.Write(items, localizers.Create(typeof(SharedResource))), QueueCsv.ContentType, QueueCsv.FileName(clock.GetUtcNow()));
    }

    /// <summary>
    /// The cached answer while the case is unchanged (<see cref="DetailAnswers"/>), else read, cached and sent. With no
    /// answer cached there is nothing to check, so a first read goes straight to the queries (which apply visibility).
    /// </summary>
    private static async Task<Results<DisputeJson, NotFound>> Get(
        Guid id, ClaimsPrincipal user, DisputeQueries queries, DetailAnswers answers, Escalation.DeadlineWords words, CancellationToken cancellationToken)
    {
        if (user.ToActor() is not { } actor)
        {
            return TypedResults.NotFound();
        }

        if (answers.Find(id, actor) is { } cached)
        {
            if (await queries.VersionAsync(id, cancellationToken) is not { } version || !version.IsVisibleTo(actor))
            {
                return TypedResults.NotFound();
            }

            if (answers.Current(cached, version) is { } body)
            {
                return new DisputeJson(body, Versions.ETag(version.Version));
            }
        }

        if (await queries.FindAsync(actor, id, cancellationToken) is not { } dto)
        {
            return TypedResults.NotFound();
        }

        return new DisputeJson(answers.Add(id, actor, words.Said(dto)), Versions.ETag(dto.Version));
    }

    private static async Task<Results<Ok<Escalation.DeadlineDto>, NoContent, NotFound>> GetDeadline(
        Guid id, ClaimsPrincipal user, DisputeQueries queries, Escalation.DeadlineWords words, CancellationToken cancellationToken)
    {
        if (user.ToActor() is not { } actor || await queries.FindAsync(actor, id, cancellationToken) is not { } dto)
        {
            return TypedResults.NotFound();
        }

        return words.Dto(dto) is { } deadline ? TypedResults.Ok(deadline) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DisputeDto>, NotFound>> Edit(
        Guid id, DisputeInput input, ClaimsPrincipal user, DisputeCommands commands, DisputesDbContext db,
        HttpContext http, CancellationToken cancellationToken)
    {
        var actor = user.ToActor() ?? throw new DisputeNotFoundException();
        var dispute = await commands.EditDraftAsync(actor, id, input, Versions.IfMatch(http), cancellationToken);
        http.Response.Headers.ETag = Versions.ETag(dispute.Version);
        return TypedResults.Ok(await ToDtoAsync(db, dispute, cancellationToken));
    }

    private static async Task<Results<Ok<DisputeDto>, NotFound>> Withdraw(
        Guid id, [FromBody] WithdrawRequest? request, ClaimsPrincipal user, DisputeCommands commands, DisputesDbContext db,
        HttpContext http, CancellationToken cancellationToken)
    {
        var actor = user.ToActor() ?? throw new DisputeNotFoundException();
        var dispute = await commands.WithdrawAsync(actor, id, request?.Reason, Versions.IfMatch(http), cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, dispute, cancellationToken));
    }

    private static async Task<Results<Ok<DisputeDto>, NotFound>> Submit(
        Guid id, ClaimsPrincipal user, DisputeCommands commands, DisputesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = user.ToActor() ?? throw new DisputeNotFoundException();
        var dispute = await commands.SubmitAsync(actor, id, Versions.IfMatch(http), cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, dispute, cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, ClaimsPrincipal user, DisputeCommands commands, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = user.ToActor() ?? throw new DisputeNotFoundException();
        await commands.DeleteDraftAsync(actor, id, Versions.IfMatch(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<DisputeDto> ToDtoAsync(DisputesDbContext db, Dispute dispute, CancellationToken cancellationToken)
    {
        var platform = await db.Platforms.AsNoTracking().SingleAsync(p => p.Id == dispute.PlatformId, cancellationToken);
        return DisputeQueries.ToDto(dispute, platform);
    }
}
