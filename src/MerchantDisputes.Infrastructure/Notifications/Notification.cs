namespace MerchantDisputes.Infrastructure.Notifications;

/// <summary>An in-app notice to one user about one case. Unread until <see cref="ReadAt"/> is set.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid DisputeId { get; set; }
    public string CaseNumber { get; set; } = string.Empty;

    /// <summary>The timeline kind that caused it (Forward, PlatformRespond, Escalate, Message …).</summary>
    public string Kind { get; set; } = string.Empty;

    public string? Detail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>An email waiting to go out. Written in the same transaction as what it tells about.</summary>
public sealed class OutboxEmail
{
    public const int MaxAttempts = 8;

    public Guid Id { get; set; }
    public string ToAddress { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;
    public string Body { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
