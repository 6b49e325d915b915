using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Domain.Tests.Builders;

/// <summary>Disputes as the aggregate holds them, opened at the fake clock's time.</summary>
public static class ACase
{
    public const string CaseNumber = "MD-2026-000123";

    public static readonly Guid MerchantId = Guid.Parse("0195f2a0-1111-7000-8000-000000000001");

    public static Actor Merchant { get; } = Actor.Merchant(MerchantId);

    public static Actor Mediator { get; } = new(Guid.Parse("0195f2a0-2222-7000-8000-000000000002"), Roles.Mediator);

    /// <summary>Tuesday 2026-03-17 10:00 in China.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 17, 2, 0, 0, TimeSpan.Zero));

    public static Dispute Draft(TimeProvider clock) =>
        Dispute.Open(CaseNumber, MerchantId, "CN-GD", ADispute.RefundOnly().Create(), clock.GetUtcNow());

    /// <summary>A case loaded in a status the aggregate's methods cannot reach yet (only Open, EditDraft, Submit, Withdraw exist).</summary>
    public static Dispute Stored(DisputeStatus status, TimeProvider clock) =>
        Draft(clock).Set(nameof(Dispute.Status), status);
}
