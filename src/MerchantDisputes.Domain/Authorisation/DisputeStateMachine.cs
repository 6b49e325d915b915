using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Authorisation;

/// <summary>One allowed move: in status <see cref="From"/>, <see cref="Role"/> may do <see cref="Action"/>.</summary>
public sealed record Transition(DisputeStatus From, DisputeAction Action, DisputeStatus To, string Role);

/// <summary>
/// The case life of DESIGN.md as data. Nothing else decides whether a status may change;
/// tests and the authorisation matrix read this table.
/// </summary>
public static class DisputeStateMachine
{
    private static readonly DisputeStatus[] Open =
    [
        DisputeStatus.Draft, DisputeStatus.Submitted, DisputeStatus.UnderReview, DisputeStatus.NeedsInfo,
        DisputeStatus.AwaitingPlatform, DisputeStatus.PlatformResponded,
    ];

    public static IReadOnlyList<Transition> Table { get; } = Build();

    public static bool IsOpen(DisputeStatus status) => Open.Contains(status);

    public static Transition? Find(DisputeStatus from, DisputeAction action, string role) =>
        Table.FirstOrDefault(t => t.From == from && t.Action == action && t.Role == role);

    public static bool AnyRoleMay(DisputeStatus from, DisputeAction action) =>
        Table.Any(t => t.From == from && t.Action == action);

    public static bool RoleEverMay(DisputeAction action, string role) =>
        Table.Any(t => t.Action == action && t.Role == role);

    private static List<Transition> Build()
    {
        List<Transition> table =
        [
            new(DisputeStatus.Draft, DisputeAction.EditDraft, DisputeStatus.Draft, Roles.Merchant),
            new(DisputeStatus.Draft, DisputeAction.Submit, DisputeStatus.Submitted, Roles.Merchant),
            new(DisputeStatus.Submitted, DisputeAction.Claim, DisputeStatus.UnderReview, Roles.Mediator),
            new(DisputeStatus.UnderReview, DisputeAction.RequestInfo, DisputeStatus.NeedsInfo, Roles.Mediator),
            new(DisputeStatus.NeedsInfo, DisputeAction.ProvideInfo, DisputeStatus.UnderReview, Roles.Merchant),
            new(DisputeStatus.UnderReview, DisputeAction.Reject, DisputeStatus.Rejected, Roles.Mediator),
            new(DisputeStatus.UnderReview, DisputeAction.Forward, DisputeStatus.AwaitingPlatform, Roles.Mediator),
            new(DisputeStatus.UnderReview, DisputeAction.Close, DisputeStatus.Closed, Roles.Mediator),
            new(DisputeStatus.AwaitingPlatform, DisputeAction.PlatformRespond, DisputeStatus.PlatformResponded, Roles.PlatformAgent),
            new(DisputeStatus.PlatformResponded, DisputeAction.Accept, DisputeStatus.Resolved, Roles.Merchant),
            new(DisputeStatus.PlatformResponded, DisputeAction.Contest, DisputeStatus.UnderReview, Roles.Merchant),
            new(DisputeStatus.Resolved, DisputeAction.Rate, DisputeStatus.Resolved, Roles.Merchant),
            new(DisputeStatus.Closed, DisputeAction.Rate, DisputeStatus.Closed, Roles.Merchant),
            new(DisputeStatus.AwaitingPlatform, DisputeAction.Escalate, DisputeStatus.AwaitingPlatform, Actor.SystemRole),
            new(DisputeStatus.NeedsInfo, DisputeAction.ExpireInfoRequest, DisputeStatus.Closed, Actor.SystemRole),
            new(DisputeStatus.PlatformResponded, DisputeAction.AutoResolve, DisputeStatus.Resolved, Actor.SystemRole),
        ];

        // A merchant may drop their complaint at any point before it ends.
        table.AddRange(Open.Select(s => new Transition(s, DisputeAction.Withdraw, DisputeStatus.Withdrawn, Roles.Merchant)));
        return table;
    }
}
