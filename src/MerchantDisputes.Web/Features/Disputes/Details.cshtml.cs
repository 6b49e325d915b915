using System.Globalization;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Features.Workflow;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// The case page: facts, the platform's answer, the timeline, and exactly the actions the signed-in role may take
/// in the case's status (read from the state machine's table). Every action is a plain form posting to a handler
/// here, through the same <see cref="DisputeCommands"/> as the API.
/// </summary>
[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Protection.Messages)]
public sealed class DetailsModel(
    DisputeQueries queries,
    DisputeCommands commands,
    TimeProvider clock,
    CaseTimers timers,
    DisputesDbContext db) : PageModel
{
    private static readonly FormErrors NoErrors = new();

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public DisputeDto? Dispute { get; private set; }

    public Actor Actor { get; private set; } = Actor.System;

    [TempData]
    public string? Notice { get; set; }

    public string? Problem { get; private set; }

    /// <summary>The form whose input was refused; its errors and typed values are shown again.</summary>
    public string? ActiveForm { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>
    /// What cannot be undone asks first: the form's first post checks the action without saving it and shows what
    /// happens next (<see cref="Confirming"/>); the confirmation posts the same fields again with <c>confirmed=true</c>.
    /// </summary>
    public static IReadOnlySet<string> ConfirmedForms { get; } = new HashSet<string>(StringComparer.Ordinal) { "Withdraw", "Forward", "Reject", "Accept", "Delete" };

    /// <summary>The action waiting for confirmation, with the fields to post again; null on the ordinary case page.</summary>
    public Confirmation? Confirming { get; private set; }

    /// <summary>A never-submitted draft may be deleted outright (the same rule as editing it).</summary>
    public bool CanDelete => CanEdit;

    public DateTimeOffset Now { get; private set; }

    public CaseWindows Windows => timers.Windows;

    public bool CanEdit => May(DisputeAction.EditDraft);

    public bool CanWithdraw => May(DisputeAction.Withdraw);

    /// <summary>Once, by the merchant, after the platform answered (the table allows it on Resolved and Closed).</summary>
    public bool CanRate => May(DisputeAction.Rate) && Dispute is { MerchantScore: null, RespondedAt: not null };

    /// <summary>Everyone on the case talks once it has left the merchant's drafts.</summary>
    public bool CanPostMessage => Dispute is not null && Dispute.Status != DisputeStatus.Draft;

    /// <summary>The same rule as the messages endpoint: staff may mark a message internal.</summary>
    public bool CanWriteInternal => Actor.IsStaff;

    public bool CanWriteOpinion => Actor.Is(Roles.Lawyer);

    /// <summary>The evidence bundle and the chain check, for the roles the bundle endpoint serves.</summary>
    public bool CanTakeBundle => Features.Evidence.CaseBundle.MayTake(Actor);

    /// <summary>The chain check's answer, after "校验时间线" (?handler=Verify).</summary>
    public VerifyDto? Chain { get; private set; }

    /// <summary>The legal opinions the reader may see, in their own section as well as on the timeline.</summary>
    public IReadOnlyList<TimelineEntryDto> Opinions =>
        Dispute?.Timeline?.Where(e => e.Kind == CaseSummary.LegalOpinionKind).ToList() ?? [];

    public bool HasActions =>
        CanEdit || CanDelete || CanWithdraw || CanRate || CanWriteOpinion || CanApproveTitle
        || WorkflowActions.Any(May);

    public static IReadOnlyList<DisputeAction> WorkflowActions { get; } =
    [
        DisputeAction.Claim, DisputeAction.RequestInfo, DisputeAction.Forward, DisputeAction.Reject, DisputeAction.Close,
        DisputeAction.PlatformRespond, DisputeAction.ProvideInfo, DisputeAction.Accept, DisputeAction.Contest,
    ];

    /// <summary>The platform's latest answer (its message lives on the timeline entry).</summary>
    public TimelineEntryDto? Answer => Last("PlatformRespond");

    public TimelineEntryDto? Score => Last("Rate");

    public Deadline? Clock => Deadline.Of(Dispute, Now, Windows.Clock);

    /// <summary>The merchant's default information deadline, as the date input shows it.</summary>
    public string DefaultDueDate => ChinaTime.Today(Windows.Due(Windows.MerchantInfo, Now)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Today => ChinaTime.Today(Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public bool May(DisputeAction action) =>
        Dispute is not null
        && DisputeStateMachine.Find(Dispute.Status, action, Actor.Role) is not null
        && (Actor.Role != Roles.Merchant || Actor.UserId is not null);

    public FormErrors ErrorsOf(string form) => ActiveForm == form ? Errors : NoErrors;

    /// <summary>What the user typed into the refused form, so that nothing is lost.</summary>
    public string? Posted(string form, string field) =>
        ActiveForm == form && Request.HasFormContentType ? Request.Form[field].ToString() : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Actor.UserId is { } userId)
        {
            await Notifications.NotificationsApi.MarkCaseReadAsync(db, userId, Id, Now, cancellationToken);
        }

        return Page();
    }

    /// <summary>The case page with the timeline's hash chain recomputed: anyone who sees the case may ask, as in the API.</summary>
    public async Task<IActionResult> OnGetVerifyAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Chain = await WorkflowApi.CheckChainAsync(db, Id, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostWithdrawAsync(string? reason, int? version, bool confirmed, CancellationToken cancellationToken) =>
        RunAsync("Withdraw", "Details.Withdrawn", (a, check) => commands.WithdrawAsync(a, Id, reason, version, cancellationToken, check), cancellationToken,
            new(confirmed, new() { ["reason"] = reason }));

    public Task<IActionResult> OnPostDeleteAsync(int? version, bool confirmed, CancellationToken cancellationToken) =>
        RunAsync("Delete", "Notice.Deleted", (a, check) => commands.DeleteDraftAsync(a, Id, version, cancellationToken, check), cancellationToken,
            new(confirmed, [], "/Disputes"));

    public Task<IActionResult> OnPostClaimAsync(int? version, CancellationToken cancellationToken) =>
        ActAsync("Claim", "Notice.Claimed", version, (d, a, now) => d.Claim(a, now), cancellationToken);

    public Task<IActionResult> OnPostApproveTitleAsync(int? version, CancellationToken cancellationToken) =>
        ActAsync("ApproveTitle", "Notice.TitleApproved", version, (d, a, now) => d.ApproveTitle(a, now), cancellationToken);

    /// <summary>A mediator, on a submitted case whose merchant asked for the title to be public and no one approved yet.</summary>
    public bool CanApproveTitle =>
        Actor.Is(Roles.Mediator) && Dispute is { TitleIsPublic: true, TitleApprovedAt: null, SubmittedAt: not null };

    public Task<IActionResult> OnPostRequestInfoAsync(string? message, string? dueBy, int? version, CancellationToken cancellationToken)
    {
        DateTimeOffset? deadline = null;
        if (!string.IsNullOrWhiteSpace(dueBy))
        {
            if (!DateOnly.TryParseExact(dueBy.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || date >= DateOnly.MaxValue)
            {
                return Refuse("RequestInfo", new ValidationError("dueBy", ErrorCodes.InvalidValue), cancellationToken);
            }

            // A due date means the whole of that day in China Standard Time.
            deadline = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        }

        return ActAsync("RequestInfo", "Notice.InfoRequested", version,
            (d, a, now) => d.RequestInfo(a, message ?? string.Empty, deadline, Windows, now), cancellationToken);
    }

    public Task<IActionResult> OnPostRejectAsync(string? reason, int? version, bool confirmed, CancellationToken cancellationToken) =>
        ActAsync("Reject", "Notice.Rejected", version, (d, a, now) => d.Reject(a, reason ?? string.Empty, now), cancellationToken,
            new(confirmed, new() { ["reason"] = reason }));

    public Task<IActionResult> OnPostForwardAsync(string? note, int? version, bool confirmed, CancellationToken cancellationToken) =>
        ActAsync("Forward", "Notice.Forwarded", version, (d, a, now) => d.Forward(a, note, Windows, now), cancellationToken,
            new(confirmed, new() { ["note"] = note }));

    public Task<IActionResult> OnPostCloseAsync(string? reason, int? version, CancellationToken cancellationToken) =>
        ActAsync("Close", "Notice.Closed", version, (d, a, now) => d.Close(a, reason ?? string.Empty, now), cancellationToken);

    public Task<IActionResult> OnPostRespondAsync(PlatformOutcome? outcome, string? message, int? version, CancellationToken cancellationToken) =>
        ActAsync("Respond", "Notice.Answered", version, (d, a, now) =>
        {
            d.Guard(DisputeAction.PlatformRespond, a);
            if (outcome is not { } chosen)
            {
                var errors = new ValidationErrors();
                errors.Add("outcome", ErrorCodes.Required);
                errors.RequireText("message", message, Domain.Disputes.Dispute.MessageMaxLength);
                errors.ThrowIfAny();
                return;
            }

            d.RespondAsPlatform(a, chosen, message ?? string.Empty, Windows, now);
        }, cancellationToken);

    public Task<IActionResult> OnPostProvideInfoAsync(string? message, int? version, CancellationToken cancellationToken) =>
        ActAsync("ProvideInfo", "Notice.InfoProvided", version, (d, a, now) => d.ProvideInfo(a, message ?? string.Empty, now), cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(int? version, bool confirmed, CancellationToken cancellationToken) =>
        ActAsync("Accept", "Notice.Accepted", version, (d, a, now) => d.Accept(a, now), cancellationToken, new(confirmed, []));

    public Task<IActionResult> OnPostContestAsync(string? reason, int? version, CancellationToken cancellationToken) =>
        ActAsync("Contest", "Notice.Contested", version, (d, a, now) => d.Contest(a, reason ?? string.Empty, now), cancellationToken);

    public Task<IActionResult> OnPostRateAsync(int? score, string? comment, int? version, CancellationToken cancellationToken) =>
        ActAsync("Rate", "Notice.Rated", version, (d, a, now) =>
        {
            if (score is null)
            {
                d.Guard(DisputeAction.Rate, a);
                throw new DomainValidationException([new ValidationError("score", ErrorCodes.Required)]);
            }

            d.Rate(a, score.Value, comment, now);
        }, cancellationToken);

    public Task<IActionResult> OnPostMessageAsync(string? body, [FromForm(Name = "internal")] bool isInternal, int? version, CancellationToken cancellationToken)
    {
        var actor = User.RequireActor();
        if (isInternal && !actor.IsStaff)
        {
            return ForbiddenAsync(cancellationToken);
        }

        var audience = isInternal ? TimelineAudience.Staff : TimelineAudience.Everyone;
        return ActAsync("Message", isInternal ? "Notice.NoteAdded" : "Notice.MessageSent", version,
            (d, a, now) => d.Say(a, "Message", body ?? string.Empty, audience, now), cancellationToken);
    }

    public Task<IActionResult> OnPostOpinionAsync(string? body, int? version, CancellationToken cancellationToken) =>
        User.RequireActor().Is(Roles.Lawyer)
            ? ActAsync("Opinion", "Notice.OpinionAdded", version,
                (d, a, now) => d.Say(a, "LegalOpinion", body ?? string.Empty, TimelineAudience.MerchantAndStaff, now), cancellationToken)
            : ForbiddenAsync(cancellationToken);

    private Task<IActionResult> ActAsync(
        string form, string notice, int? version, Action<Dispute, Actor, DateTimeOffset> act, CancellationToken cancellationToken, Asked? asked = null) =>
        RunAsync(form, notice, (a, check) => commands.ActAsync(a, Id, version, (d, now) => act(d, a, now), cancellationToken, check), cancellationToken, asked);

    /// <summary>
    /// Post, redirect, get on success; otherwise the page again with the errors in place or the conflict named. An
    /// action in <see cref="ConfirmedForms"/> not yet confirmed is only checked (<c>work</c>'s second argument), and
    /// the page shows what it will do.
    /// </summary>
    private async Task<IActionResult> RunAsync(
        string form, string notice, Func<Actor, bool, Task> work, CancellationToken cancellationToken, Asked? asked = null)
    {
        var check = ConfirmedForms.Contains(form) && asked?.Confirmed != true;
        try
        {
            await work(User.RequireActor(), check);
            if (check)
            {
                Confirming = new Confirmation(form, asked?.Fields ?? []);
                return await PageAsync(cancellationToken);
            }

            Notice = notice;
            return Redirect(asked?.Next ?? $"/Disputes/{Id}");
        }
        catch (DisputeNotFoundException)
        {
            return NotFound();
        }
        catch (DomainValidationException e)
        {
            ActiveForm = form;
            // Messages and opinions are "body" in the domain; on the page the field is the message.
            Errors.AddRange(e.Errors.Select(x => x.Field == "body" ? x with { Field = "message" } : x));
        }
        catch (CaseChangedException e)
        {
            Problem = Problems.Text("Problem.CaseChanged", Problems.Text("Status." + e.CurrentStatus));
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (InvalidTransitionException e)
        {
            Problem = Problems.Text("Details.NotNow", Problems.Text("Status." + e.Status));
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (ActionNotAllowedException)
        {
            return await ForbiddenAsync(cancellationToken);
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private Task<IActionResult> Refuse(string form, ValidationError error, CancellationToken cancellationToken)
    {
        ActiveForm = form;
        Errors.AddRange([error]);
        return PageAsync(cancellationToken);
    }

    private async Task<IActionResult> ForbiddenAsync(CancellationToken cancellationToken)
    {
        Problem = Problems.Text("Problem.Forbidden.Detail");
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Actor = User.RequireActor();
        Now = clock.GetUtcNow();
        Dispute = await queries.FindAsync(Actor, Id, cancellationToken);
        return Dispute is not null;
    }

    private TimelineEntryDto? Last(string kind) => Dispute?.Timeline?.LastOrDefault(e => e.Kind == kind);

    /// <summary>A confirmable form's post: whether it was confirmed, what it carried, and where success leads.</summary>
    private sealed record Asked(bool Confirmed, Dictionary<string, string?> Fields, string? Next = null);

}

/// <summary>An action waiting for its confirmation: the form (its handler) and the fields it posts again.</summary>
public sealed record Confirmation(string Form, IReadOnlyDictionary<string, string?> Fields);
