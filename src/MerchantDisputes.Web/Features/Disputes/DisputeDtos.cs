using MerchantDisputes.Domain.Disputes;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>A dispute as its parties see it. Timeline only on the detail answer.</summary>
public sealed record DisputeDto
{
    public required Guid Id { get; init; }
    public required string CaseNumber { get; init; }
    public required string Platform { get; init; }
    public required string PlatformName { get; init; }
    public required DisputeType Type { get; init; }
    public required string Title { get; init; }
    public required bool TitleIsPublic { get; init; }

    /// <summary>When a mediator let the public title be shown; until then the public feed shows a neutral text.</summary>
    public DateTimeOffset? TitleApprovedAt { get; init; }
    public required string Narrative { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public required string DesiredOutcome { get; init; }
    public required string Region { get; init; }
    public required DisputeStatus Status { get; init; }
    public required EscalationLevel EscalationLevel { get; init; }
    public required DateTimeOffset? RespondBy { get; init; }
    public required CaseRating? Rating { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required DateTimeOffset? SubmittedAt { get; init; }
    public required int Version { get; init; }
    public DateTimeOffset? ForwardedAt { get; init; }

    /// <summary>The next moment a timer acts on the case (platform deadline, information deadline, auto-resolve).</summary>
    public DateTimeOffset? DeadlineAt { get; init; }

    /// <summary>The window the running timer counts: "7wd" (working days), "7.00:00:00", or null for a chosen date.</summary>
    public string? DeadlineWindow { get; init; }

    /// <summary>
    /// The deadline as people say it, in the caller's language: "7 个工作日（2026年10月14日 18:00 前）". The time left is
    /// at GET /api/v1/disputes/{id}/deadline (this answer is cached per version; the countdown is not).
    /// </summary>
    public string? DeadlineText { get; init; }

    /// <summary>When the platform was reminded and given its final notice before public listing.</summary>
    public DateTimeOffset? RemindedAt { get; init; }

    public DateTimeOffset? FinalNoticeAt { get; init; }

    public DateTimeOffset? RespondedAt { get; init; }
    public PlatformOutcome? Outcome { get; init; }
    public int? MerchantScore { get; init; }
    public bool Contested { get; init; }
    public RefundOnlyDetails? RefundOnly { get; init; }
    public FrozenFundsDetails? FrozenFunds { get; init; }
    public ForcedFeeDetails? ForcedFee { get; init; }
    public IReadOnlyList<TimelineEntryDto>? Timeline { get; init; }

    /// <summary>Who filed, on the detail answer for the channel's staff and the platform's agents; null for merchants.</summary>
    public CaseMerchantDto? Merchant { get; init; }
}

/// <summary>
/// The merchant behind a case as the staff and the platform's agents see it: the store, its id on the platform (the
/// case's own when a frozen-funds or forced-fee case names one, else the profile's) and the province the case was filed
/// from. The e-mail only for the channel's staff (mediators, lawyers, admins); never for agents, merchants or the public.
/// </summary>
public sealed record CaseMerchantDto(string? StoreName, string? StoreId, string Province, string? Email)
{
    /// <summary>The merchant's profile as read (its concurrency stamp): a kept answer is good only while it holds.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ProfileStamp { get; init; }
}

public sealed record DisputeSummaryDto(
    Guid Id,
    string CaseNumber,
    string Platform,
    string PlatformName,
    DisputeType Type,
    string Title,
    decimal Amount,
    string Currency,
    DisputeStatus Status,
    EscalationLevel EscalationLevel,
    DateTimeOffset? RespondBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// One entry of the chain. An entry the reader may not see (an internal note for a merchant or platform, a legal
/// opinion for a platform) is still listed, <see cref="Withheld"/>, as <see cref="WithheldKind"/> with its sequence
/// and hashes only: no actor, time, data or audience. So the entries a reader gets are the whole chain, the same
/// number that <c>timeline/verify</c> counts, each previousHash the hash of the entry before it (docs/security.md).
/// </summary>
public sealed record TimelineEntryDto(
    int Sequence,
    string Kind,
    string? ActorRole,
    DateTimeOffset? OccurredAt,
    IReadOnlyDictionary<string, string?> Data,
    Domain.Timeline.TimelineAudience? Audience,
    string PreviousHash,
    string Hash,
    bool Withheld = false)
{
    public const string WithheldKind = "Withheld";

    private static readonly IReadOnlyDictionary<string, string?> NoData = new Dictionary<string, string?>();

    /// <summary>The entry in the chain, its content kept from the reader.</summary>
    public static TimelineEntryDto WithheldEntry(int sequence, string previousHash, string hash) =>
        new(sequence, WithheldKind, null, null, NoData, null, previousHash, hash, Withheld: true);
}

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record WithdrawRequest(string? Reason);
