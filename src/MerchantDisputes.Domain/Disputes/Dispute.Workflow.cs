using System.Globalization;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Disputes;

/// <summary>Review, the platform's answer, the merchant's verdict, the timers, and what is said on the case.</summary>
public sealed partial class Dispute
{
    public const int MessageMaxLength = 5_000;
    public const int ReasonMaxLength = 2_000;

    public void Claim(Actor mediator, DateTimeOffset now)
    {
        Move(DisputeAction.Claim, mediator, now, []);
        AssignedMediatorId = mediator.UserId;
    }

    /// <summary>
    /// A mediator lets the merchant's public title be shown (a title is the merchant's free text: before this the
    /// public sees a neutral one). Not a transition: allowed on any submitted case the merchant made the title public on;
    /// approving twice changes nothing.
    /// </summary>
    public void ApproveTitle(Actor mediator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        if (!mediator.Is(Roles.Mediator))
        {
            throw new ActionNotAllowedException(DisputeAction.Claim, mediator.Role);
        }

        if (SubmittedAt is null || !TitleIsPublic)
        {
            throw new DomainValidationException([new ValidationError("title", ErrorCodes.InvalidValue)]);
        }

        if (TitleApprovedAt is not null)
        {
            return;
        }

        Append("TitleApproved", mediator, now, new Dictionary<string, string?>(), TimelineAudience.Everyone);
        TitleApprovedAt = now;
    }

    /// <summary>The furthest a merchant's deadline may be set: a case is not left waiting on the merchant for longer.</summary>
    public static readonly TimeSpan MaxInfoWindow = TimeSpan.FromDays(90);

    /// <param name="dueBy">The merchant's deadline; null takes the configured MerchantInfo window.</param>
    public void RequestInfo(Actor mediator, string message, DateTimeOffset? dueBy, CaseWindows windows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var deadline = dueBy ?? windows.Due(windows.MerchantInfo, now);
        var errors = new ValidationErrors();
        errors.RequireText("message", message, MessageMaxLength);
        if (deadline <= now || (dueBy is not null && deadline > now + MaxInfoWindow))
        {
            errors.Add("dueBy", ErrorCodes.InvalidValue);
        }

        errors.ThrowIfAny();
        Move(DisputeAction.RequestInfo, mediator, now, new() { ["message"] = message.Trim(), ["dueBy"] = Stamp(deadline) });
        SetTimer(dueBy is null ? windows.MerchantInfo : null, now, deadline);
    }

    public void ProvideInfo(Actor merchant, string message, DateTimeOffset now)
    {
        RequireText("message", message, MessageMaxLength);
        Move(DisputeAction.ProvideInfo, merchant, now, new() { ["message"] = message.Trim() });
        SetTimer(null, now, null);
    }

    public void Reject(Actor mediator, string reason, DateTimeOffset now)
    {
        RequireText("reason", reason, ReasonMaxLength);
        Move(DisputeAction.Reject, mediator, now, new() { ["reason"] = reason.Trim() });
        End(now);
    }

    /// <summary>Sends the case to the platform; its answer is due one PlatformResponse window from now.</summary>
    public void Forward(Actor mediator, string? note, CaseWindows windows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        OptionalText("note", note, MessageMaxLength);
        var respondBy = windows.Due(windows.PlatformResponse, now);
        Move(DisputeAction.Forward, mediator, now, new() { ["note"] = Blank(note), ["respondBy"] = Stamp(respondBy) });
        ForwardedAt ??= now;
        FirstRespondBy ??= respondBy;
        RespondBy = respondBy;
        SetTimer(windows.PlatformResponse, now, respondBy);
        EscalationLevel = EscalationLevel.None;
        RespondedAt = null;
        Outcome = null;
    }

    public void RespondAsPlatform(Actor agent, PlatformOutcome outcome, string message, CaseWindows windows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(windows);
        if (agent.Is(Roles.PlatformAgent) && agent.PlatformId != PlatformId)
        {
            throw new ActionNotAllowedException(DisputeAction.PlatformRespond, agent.Role);
        }

        var errors = new ValidationErrors();
        if (!Enum.IsDefined(outcome))
        {
            errors.Add("outcome", ErrorCodes.InvalidValue);
        }

        errors.RequireText("message", message, MessageMaxLength);
        errors.ThrowIfAny();
        Move(DisputeAction.PlatformRespond, agent, now, new()
        {
            ["outcome"] = outcome.ToString(),
            ["message"] = message.Trim(),
            ["escalationLevel"] = EscalationLevel.ToString(),
        });
        var firstAnswer = RespondedAt is null && !Contested;
        RespondedAt = now;
        Outcome = outcome;
        if (firstAnswer)
        {
            // Strictly before: at the deadline itself the ladder has already moved.
            AnsweredBeforeFirstDeadline = FirstRespondBy is { } first && now < first;
            TimeToFirstAnswer = ForwardedAt is { } forwarded ? now - forwarded : null;
        }

        SetTimer(windows.AutoResolve, now, windows.Due(windows.AutoResolve, now));
    }

    public void Accept(Actor merchant, DateTimeOffset now)
    {
        Move(DisputeAction.Accept, merchant, now, []);
        Accepted = true;
        End(now);
    }

    public void Contest(Actor merchant, string reason, DateTimeOffset now)
    {
        RequireText("reason", reason, ReasonMaxLength);
        Move(DisputeAction.Contest, merchant, now, new() { ["reason"] = reason.Trim() });
        Contested = true;
        SetTimer(null, now, null);
    }

    /// <summary>A mediator ends a case that cannot go further (typically contested with no agreement possible).</summary>
    public void Close(Actor mediator, string reason, DateTimeOffset now)
    {
        RequireText("reason", reason, ReasonMaxLength);
        Move(DisputeAction.Close, mediator, now, new() { ["reason"] = reason.Trim() });
        End(now);
    }

    /// <summary>The merchant's 1–5 score, once, on a case the platform answered.</summary>
    public void Rate(Actor merchant, int score, string? comment, DateTimeOffset now)
    {
        Guard(DisputeAction.Rate, merchant);
        var errors = new ValidationErrors();
        if (score is < 1 or > 5)
        {
            errors.Add("score", ErrorCodes.OutOfRange, 1, 5);
        }

        errors.OptionalText("comment", comment, ReasonMaxLength);
        errors.ThrowIfAny();
        if (MerchantScore is not null || RespondedAt is null)
        {
            throw new InvalidTransitionException(Status, DisputeAction.Rate);
        }

        Move(DisputeAction.Rate, merchant, now, new()
        {
            ["score"] = score.ToString(CultureInfo.InvariantCulture),
            ["comment"] = Blank(comment),
        });
        MerchantScore = score;
        Rating = CaseRatings.Compute(Facts());
    }

    /// <summary>
    /// One step up the ladder for a platform past its RespondBy: reminder, legal review, final notice (with the
    /// listing date), public listing. Returns false when not yet due.
    /// </summary>
    public bool Escalate(CaseWindows windows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (Status != DisputeStatus.AwaitingPlatform || RespondBy is not { } due || now < due
            || EscalationLevel == EscalationLevel.PublicNoResponse)
        {
            return false;
        }

        var next = EscalationLevel + 1;
        Window? window = next switch
        {
            EscalationLevel.Reminded => windows.Reminder,
            EscalationLevel.LegalReview => windows.LegalReview,
            EscalationLevel.FinalNotice => windows.FinalNotice,
            _ => null,
        };
        DateTimeOffset? nextDue = window is { } w ? windows.Due(w, due) : null;
        var data = new Dictionary<string, string?> { ["level"] = next.ToString(), ["lapsed"] = Stamp(due) };
        if (next == EscalationLevel.FinalNotice)
        {
            data["listingAt"] = Stamp(nextDue!.Value);
        }

        Move(DisputeAction.Escalate, Actor.System, now, data);
        EscalationLevel = next;
        RespondBy = nextDue ?? RespondBy;
        SetTimer(window, due, nextDue);
        RemindedAt = next == EscalationLevel.Reminded ? now : RemindedAt;
        FinalNoticeAt = next == EscalationLevel.FinalNotice ? now : FinalNoticeAt;
        if (next == EscalationLevel.PublicNoResponse)
        {
            Rating = CaseRating.NotRated;
        }

        return true;
    }

    /// <summary>
    /// Counts the running working-day timer again on <paramref name="windows"/>' calendar (after an admin changed a
    /// day) and writes the move and its reason on the timeline. Returns false when the deadline stays.
    /// </summary>
    public bool RecomputeDeadline(CaseWindows windows, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (DeadlineAt is not { } old || DeadlineFrom is not { } from || !Window.TryParse(DeadlineWindow, out var window)
            || !window.InWorkingDays)
        {
            return false;
        }

        var moved = windows.Due(window, from);
        if (moved == old)
        {
            return false;
        }

        Append("DeadlineMoved", Actor.System, now, new Dictionary<string, string?>
        {
            ["from"] = Stamp(old), ["to"] = Stamp(moved), ["reason"] = reason,
        });
        DeadlineAt = moved;
        if (Status == DisputeStatus.AwaitingPlatform)
        {
            FirstRespondBy = EscalationLevel == EscalationLevel.None && FirstRespondBy == old ? moved : FirstRespondBy;
            RespondBy = moved;
        }

        return true;
    }

    /// <summary>Closes a case whose merchant let an information request lapse. Returns false when not yet due.</summary>
    public bool ExpireInfoRequest(DateTimeOffset now)
    {
        if (Status != DisputeStatus.NeedsInfo || DeadlineAt is not { } due || now < due)
        {
            return false;
        }

        Move(DisputeAction.ExpireInfoRequest, Actor.System, now, new() { ["lapsed"] = Stamp(due) });
        End(now);
        return true;
    }

    /// <summary>Resolves a platform answer the merchant left untouched. Returns false when not yet due.</summary>
    public bool AutoResolve(DateTimeOffset now)
    {
        if (Status != DisputeStatus.PlatformResponded || DeadlineAt is not { } due || now < due)
        {
            return false;
        }

        Move(DisputeAction.AutoResolve, Actor.System, now, new() { ["lapsed"] = Stamp(due) });
        Accepted = true;
        End(now);
        return true;
    }

    /// <summary>A message on the case. Internal notes are for staff; legal opinions are hidden from the platform.</summary>
    public TimelineEntry Say(Actor author, string kind, string body, TimelineAudience audience, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(author);
        RequireText("body", body, MessageMaxLength);
        return Append(kind, author, now, new Dictionary<string, string?> { ["body"] = body.Trim() }, audience);
    }

    /// <summary>Records a fact that is not a transition (evidence added, for example) on the timeline.</summary>
    public TimelineEntry Record(Actor actor, string kind, IReadOnlyDictionary<string, string?> data, DateTimeOffset now) =>
        Append(kind, actor, now, data);

    private void SetTimer(Window? window, DateTimeOffset from, DateTimeOffset? at)
    {
        DeadlineAt = at;
        DeadlineFrom = at is null ? null : from;
        DeadlineWindow = at is null ? null : window?.ToString();
    }

    private void End(DateTimeOffset now)
    {
        EndedAt = now;
        SetTimer(null, now, null);
        Rating = CaseRatings.Compute(Facts());
    }

    private RatingFacts Facts() => new(
        ForwardedAt is not null, RespondedAt is not null, AnsweredBeforeFirstDeadline, Outcome, Accepted, Contested, MerchantScore, Status);

    private static void RequireText(string field, string? value, int max)
    {
        var errors = new ValidationErrors();
        errors.RequireText(field, value, max);
        errors.ThrowIfAny();
    }

    private static void OptionalText(string field, string? value, int max)
    {
        var errors = new ValidationErrors();
        errors.OptionalText(field, value, max);
        errors.ThrowIfAny();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Stamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
