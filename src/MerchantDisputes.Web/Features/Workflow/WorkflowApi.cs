using System.Globalization;
using System.Security.Claims;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Disputes;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Workflow;

public sealed record ReasonRequest(string? Reason);
public sealed record ForwardRequest(string? Note);
public sealed record RequestInfoRequest(string? Message, DateTimeOffset? DueBy);
public sealed record ProvideInfoRequest(string? Message);
public sealed record PlatformResponseRequest(PlatformOutcome? Outcome, string? Message);
public sealed record RatingRequest(int? Score, string? Comment);
public sealed record MessageRequest(string? Body, bool Internal = false);
public sealed record OpinionRequest(string? Body);
public sealed record VerifyDto(bool Intact, int Entries, int? FirstBrokenSequence, string? LastHash);

/// <summary>
/// The case life after filing: mediators review and forward, the platform answers, the merchant accepts, contests
/// or rates; messages, internal notes and legal opinions. Each action is a row of the state machine's table.
/// </summary>
public static class WorkflowApi
{
    public static void AddWorkflow(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddEscalation();
    }

    public static void MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/disputes/{id:guid}").WithTags("Case life")
            .RequireAuthorization(AccountsExtensions.ApiPolicy).DisableAntiforgery();
        group.MapPost("/claim", Claim).WithName("ClaimDispute").WithSummary("A mediator takes up a submitted case.");
        group.MapPost("/request-info", RequestInfo).WithName("RequestInfo").WithSummary("A mediator asks the merchant for more, with a deadline.");
        group.MapPost("/provide-info", ProvideInfo).WithName("ProvideInfo").WithSummary("The merchant answers an information request; review resumes.");
        group.MapPost("/approve-title", ApproveTitle).WithName("ApproveTitle").WithSummary("A mediator lets the merchant's public title appear in the public feed; until then a neutral text stands in.");
        group.MapPost("/reject", Reject).WithName("RejectDispute").WithSummary("A mediator rejects the case with a reason.");
        group.MapPost("/forward", Forward).WithName("ForwardDispute").WithSummary("A mediator sends the case to the platform; its deadline starts.");
        group.MapPost("/close", Close).WithName("CloseDispute").WithSummary("A mediator closes a case that cannot go further.");
        group.MapPost("/platform-response", Respond).WithName("PlatformResponse").WithSummary("The platform's agent answers: Reversed, PartiallyReversed or Upheld, with a message.");
        group.MapPost("/accept", Accept).WithName("AcceptAnswer").WithSummary("The merchant accepts the platform's answer; the case is resolved.");
        group.MapPost("/contest", Contest).WithName("ContestAnswer").WithSummary("The merchant contests the answer; the case returns to the mediator.");
        group.MapPost("/rating", Rate).WithName("RateOutcome").WithSummary("The merchant rates the outcome 1–5, once.");
        group.MapPost("/messages", PostMessage).WithName("PostMessage").RequireRateLimiting(Protection.Messages).WithSummary("A message on the case; internal notes (mediators and lawyers) are never shown to merchants or platforms.");
        group.MapPost("/legal-opinions", PostOpinion).WithName("PostLegalOpinion").WithSummary("A lawyer's opinion on an escalated case, for the merchant and the mediators.");
        group.MapGet("/timeline/verify", Verify).WithName("VerifyTimeline").WithSummary("Recomputes the timeline's hash chain and says whether it is intact.");
    }

    private static Task<Ok<DisputeDto>> Claim(Guid id, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.Claim(a, now));

    private static Task<Ok<DisputeDto>> RequestInfo(Guid id, RequestInfoRequest body, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.RequestInfo(a, body.Message ?? string.Empty, body.DueBy, c.Windows, now));

    private static Task<Ok<DisputeDto>> ProvideInfo(Guid id, ProvideInfoRequest body, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.ProvideInfo(a, body.Message ?? string.Empty, now));

    private static Task<Ok<DisputeDto>> ApproveTitle(Guid id, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.ApproveTitle(a, now));

    private static Task<Ok<DisputeDto>> Reject(Guid id, ReasonRequest body, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.Reject(a, body.Reason ?? string.Empty, now));

    private static Task<Ok<DisputeDto>> Forward(Guid id, [FromBody] ForwardRequest? body, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.Forward(a, body?.Note, c.Windows, now));

    private static Task<Ok<DisputeDto>> Close(Guid id, ReasonRequest body, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.Close(a, body.Reason ?? string.Empty, now));

    private static async Task<Ok<DisputeDto>> Respond(Guid id, PlatformResponseRequest body, [AsParameters] Context c, DisputeMetrics metrics)
    {
        var answered = await c.ActAsync(id, (d, a, now) =>
        {
            d.Guard(DisputeAction.PlatformRespond, a);
            if (body.Outcome is not { } outcome)
            {
                throw new Domain.Validation.DomainValidationException([new("outcome", Domain.Validation.ErrorCodes.Required)]);
            }

            d.RespondAsPlatform(a, outcome, body.Message ?? string.Empty, c.Windows, now);
        });
        // The answer leaves the escalation level as it was: None means answered before the first deadline.
        metrics.PlatformAnswered(body.Outcome!.Value, answered.Value!.EscalationLevel);
        return answered;
    }

    private static Task<Ok<DisputeDto>> Accept(Guid id, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.Accept(a, now));

    private static Task<Ok<DisputeDto>> Contest(Guid id, ReasonRequest body, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.Contest(a, body.Reason ?? string.Empty, now));

    private static Task<Ok<DisputeDto>> Rate(Guid id, RatingRequest body, [AsParameters] Context c) =>
        c.ActAsync(id, (d, a, now) => d.Rate(a, body.Score ?? 0, body.Comment, now));

    private static async Task<Results<Ok<DisputeDto>, ProblemHttpResult>> PostMessage(Guid id, MessageRequest body, [AsParameters] Context c)
    {
        var actor = c.Actor;
        if (body.Internal && !actor.IsStaff)
        {
            return Problems.Forbidden();
        }

        var audience = body.Internal ? TimelineAudience.Staff : TimelineAudience.Everyone;
        return await c.ActAsync(id, (d, a, now) => d.Say(a, "Message", body.Body ?? string.Empty, audience, now));
    }

    private static async Task<Results<Ok<DisputeDto>, ProblemHttpResult>> PostOpinion(Guid id, OpinionRequest body, [AsParameters] Context c)
    {
        if (!c.Actor.Is(Roles.Lawyer))
        {
            return Problems.Forbidden();
        }

        return await c.ActAsync(id, (d, a, now) => d.Say(a, "LegalOpinion", body.Body ?? string.Empty, TimelineAudience.MerchantAndStaff, now));
    }

    /// <summary>
    /// Reads the whole stored chain (all audiences) and answers whether it holds, its length and last hash: the same
    /// chain every reader's timeline lists, entries kept from them included as withheld (hash only), so nothing here
    /// tells a merchant or platform more than their timeline does.
    /// </summary>
    private static async Task<Results<Ok<VerifyDto>, NotFound>> Verify(Guid id, ClaimsPrincipal user, DisputesDbContext db, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        if (actor is null || !await db.Disputes.Where(DisputeVisibility.For(actor)).AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await CheckChainAsync(db, id, cancellationToken));
    }

    /// <summary>Recomputes the stored chain of a case (the caller checks who may ask) and compares its head with the case's.</summary>
    public static async Task<VerifyDto> CheckChainAsync(DisputesDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.DisputeId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var broken = TimelineVerifier.FirstBroken(entries);
        var head = await db.Disputes.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.LastTimelineHash, d.TimelineCount }).SingleAsync(cancellationToken);
        var headMatches = head.TimelineCount == entries.Count && (entries.Count == 0 || head.LastTimelineHash == entries[^1].Hash);
        if (broken is null && !headMatches)
        {
            broken = entries.Count + 1;
        }

        return new VerifyDto(broken is null, entries.Count, broken, entries.LastOrDefault()?.Hash);
    }

    /// <summary>What every action needs, bound from the request's services.</summary>
    public sealed record Context(
        ClaimsPrincipal User, DisputeCommands Commands, DisputesDbContext Db, CaseTimers Timers, DeadlineWords Words, HttpContext Http)
    {
        public Actor Actor => User.ToActor() ?? throw new DisputeNotFoundException();

        public CaseWindows Windows => Timers.Windows;

        public async Task<Ok<DisputeDto>> ActAsync(Guid id, Action<Dispute, Actor, DateTimeOffset> act)
        {
            var actor = Actor;
            var dispute = await Commands.ActAsync(actor, id, Versions.IfMatch(Http), (d, now) => act(d, actor, now), Http.RequestAborted);
            var platform = await Db.Platforms.AsNoTracking().SingleAsync(p => p.Id == dispute.PlatformId, Http.RequestAborted);
            Http.Response.Headers.ETag = Versions.ETag(dispute.Version);
            return TypedResults.Ok(Words.Said(DisputeQueries.ToDto(dispute, platform)));
        }
    }
}
