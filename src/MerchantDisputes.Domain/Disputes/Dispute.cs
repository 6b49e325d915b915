using System.Globalization;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Disputes;

/// <summary>
/// A merchant's case against a platform. Its status changes only through the methods here,
/// each checked against <see cref="DisputeStateMachine"/> and written to the timeline.
/// </summary>
public sealed partial class Dispute
{
    private readonly List<TimelineEntry> _timeline = [];

    private Dispute()
    {
        CaseNumber = string.Empty;
        Title = string.Empty;
        Narrative = string.Empty;
        Currency = Currencies.Default;
        DesiredOutcome = string.Empty;
        Region = string.Empty;
        LastTimelineHash = TimelineEntry.GenesisHash;
    }

    public Guid Id { get; private set; }
    public string CaseNumber { get; private set; }
    public Guid MerchantId { get; private set; }
    public int PlatformId { get; private set; }
    public DisputeType Type { get; private set; }
    public string Title { get; private set; }
    public bool TitleIsPublic { get; private set; }

    /// <summary>When a mediator approved the public title; until then the public sees a neutral text instead.</summary>
    public DateTimeOffset? TitleApprovedAt { get; private set; }
    public string Narrative { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public string DesiredOutcome { get; private set; }

    /// <summary>The merchant's province (ISO 3166-2:CN), copied when the case is filed.</summary>
    public string Region { get; private set; }

    /// <summary>The merchant's self-reported gender, copied when the case is filed; anonymous statistics only.</summary>
    public Gender? MerchantGender { get; private set; }

    /// <summary>Year and month of submission in China Standard Time (202603), the key every report groups by.</summary>
    public int? SubmittedPeriod { get; private set; }

    public RefundOnlyDetails? RefundOnly { get; private set; }
    public FrozenFundsDetails? FrozenFunds { get; private set; }
    public ForcedFeeDetails? ForcedFee { get; private set; }

    public DisputeStatus Status { get; private set; }
    public EscalationLevel EscalationLevel { get; private set; }
    public DateTimeOffset? RespondBy { get; private set; }
    public CaseRating? Rating { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>When a mediator first sent the case to the platform; from then on its agents may see it.</summary>
    public DateTimeOffset? ForwardedAt { get; private set; }

    /// <summary>The platform's first deadline, kept for the timeliness of its answer.</summary>
    public DateTimeOffset? FirstRespondBy { get; private set; }

    /// <summary>
    /// The next moment a timer acts on the case: RespondBy while awaiting the platform, the merchant's
    /// information deadline, or the auto-resolve moment. Null when no timer runs. The sweep reads only this.
    /// </summary>
    public DateTimeOffset? DeadlineAt { get; private set; }

    /// <summary>Where the running timer started; with <see cref="DeadlineWindow"/> a calendar change recomputes it.</summary>
    public DateTimeOffset? DeadlineFrom { get; private set; }

    /// <summary>The window the running timer counts ("7wd", "7.00:00:00"); null for a date a mediator chose.</summary>
    public string? DeadlineWindow { get; private set; }

    /// <summary>When the platform was reminded (step 1), shown on the public listing.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    /// <summary>When the platform got its final notice before public listing, shown on the listing.</summary>
    public DateTimeOffset? FinalNoticeAt { get; private set; }

    public Guid? AssignedMediatorId { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public PlatformOutcome? Outcome { get; private set; }
    public bool AnsweredBeforeFirstDeadline { get; private set; }

    /// <summary>From the first forwarding to the platform's first answer; null until it answers. Public statistics take its median.</summary>
    public TimeSpan? TimeToFirstAnswer { get; private set; }
    public bool Accepted { get; private set; }
    public bool Contested { get; private set; }

    /// <summary>The merchant's 1–5 score of the outcome, given once.</summary>
    public int? MerchantScore { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Optimistic concurrency token: every change increments it.</summary>
    public int Version { get; private set; }

    public int TimelineCount { get; private set; }
    public string LastTimelineHash { get; private set; }

    /// <summary>Entries appended by this instance; the stored ones are read separately.</summary>
    public IReadOnlyCollection<TimelineEntry> Timeline => _timeline;

    public bool IsOpen => DisputeStateMachine.IsOpen(Status);

    public static Dispute Open(string caseNumber, Guid merchantId, string region, DisputeContent content, DateTimeOffset now, Gender? merchantGender = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var dispute = new Dispute
        {
            Id = Guid.CreateVersion7(now),
            CaseNumber = caseNumber,
            MerchantId = merchantId,
            Region = region,
            MerchantGender = merchantGender,
            Status = DisputeStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        dispute.Apply(content);
        dispute.Append("Created", Actor.Merchant(merchantId), now, new Dictionary<string, string?>
        {
            ["caseNumber"] = caseNumber,
            ["type"] = content.Type.ToString(),
        });
        return dispute;
    }

    public void EditDraft(DisputeContent content, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        Move(DisputeAction.EditDraft, actor, now, []);
        Apply(content);
    }

    /// <param name="evidenceCount">How many evidence items the case holds; a case needs at least one.</param>
    public void Submit(Actor actor, int evidenceCount, DateTimeOffset now)
    {
        Guard(DisputeAction.Submit, actor);
        if (evidenceCount < 1)
        {
            throw new EvidenceRequiredException();
        }

        Move(DisputeAction.Submit, actor, now, new Dictionary<string, string?>
        {
            ["evidenceCount"] = evidenceCount.ToString(CultureInfo.InvariantCulture),
        });
        SubmittedAt = now;
        var china = Time.ChinaTime.ToChina(now);
        SubmittedPeriod = (china.Year * 100) + china.Month;
    }

    public void Withdraw(Actor actor, string? reason, DateTimeOffset now)
    {
        Move(DisputeAction.Withdraw, actor, now, new Dictionary<string, string?> { ["reason"] = reason });
        End(now);
    }

    /// <summary>Checks the table without changing anything; throws when the move is not allowed.</summary>
    public void Guard(DisputeAction action, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!DisputeStateMachine.RoleEverMay(action, actor.Role))
        {
            throw new ActionNotAllowedException(action, actor.Role);
        }

        if (DisputeStateMachine.Find(Status, action, actor.Role) is null)
        {
            throw new InvalidTransitionException(Status, action);
        }
    }

    private void Move(DisputeAction action, Actor actor, DateTimeOffset now, Dictionary<string, string?> data, TimelineAudience audience = TimelineAudience.Everyone)
    {
        Guard(action, actor);
        var transition = DisputeStateMachine.Find(Status, action, actor.Role)!;
        var from = Status;
        Status = transition.To;
        if (from != Status)
        {
            data["from"] = from.ToString();
            data["to"] = Status.ToString();
        }

        Append(action.ToString(), actor, now, data, audience);
    }

    private TimelineEntry Append(string kind, Actor actor, DateTimeOffset now, IReadOnlyDictionary<string, string?> data, TimelineAudience audience = TimelineAudience.Everyone)
    {
        var draft = new TimelineDraft(
            Guid.CreateVersion7(now), Id, TimelineCount + 1, kind, actor.UserId, actor.Role, now, data, audience);
        var entry = TimelineEntry.Create(draft, LastTimelineHash);
        _timeline.Add(entry);
        TimelineCount = entry.Sequence;
        LastTimelineHash = entry.Hash;
        UpdatedAt = now;
        Version++;
        return entry;
    }

    private void Apply(DisputeContent content)
    {
        PlatformId = content.PlatformId;
        Type = content.Type;
        Title = content.Title;
        TitleIsPublic = content.TitleIsPublic;
        TitleApprovedAt = null;
        Narrative = content.Narrative;
        Amount = content.Amount;
        Currency = content.Currency;
        DesiredOutcome = content.DesiredOutcome;
        RefundOnly = content.RefundOnly;
        FrozenFunds = content.FrozenFunds;
        ForcedFee = content.ForcedFee;
    }
}

/// <summary>A case cannot be submitted without at least one piece of evidence (HTTP 422).</summary>
public sealed class EvidenceRequiredException : Exception
{
    public EvidenceRequiredException()
        : base("A dispute needs at least one piece of evidence before it is submitted.")
    {
    }

    public EvidenceRequiredException(string message)
        : base(message)
    {
    }

    public EvidenceRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
