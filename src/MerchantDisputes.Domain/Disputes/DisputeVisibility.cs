using System.Linq.Expressions;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Disputes;

/// <summary>
/// Which cases a person may see at all. Anything outside this filter answers 404, so nobody learns
/// that a case they may not see exists.
/// </summary>
public static class DisputeVisibility
{
    private static readonly DisputeStatus[] ForwardedStatuses =
    [
        DisputeStatus.AwaitingPlatform, DisputeStatus.PlatformResponded,
    ];

    // A set rather than ">=", so the rule holds however the level is stored.
    private static readonly EscalationLevel[] LawyerLevels =
        Enum.GetValues<EscalationLevel>().Where(l => l >= EscalationLevel.LegalReview).ToArray();

    public static Expression<Func<Dispute, bool>> For(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var userId = actor.UserId ?? Guid.Empty;
        var platformId = actor.PlatformId ?? -1;
        return actor.Role switch
        {
            Roles.Merchant => d => d.MerchantId == userId,
            // Ever submitted: a draft the merchant withdrew before submitting stays private.
            Roles.Mediator or Roles.Admin => d => d.SubmittedAt != null,
            Roles.PlatformAgent => d => d.PlatformId == platformId
                && (ForwardedStatuses.Contains(d.Status) || d.ForwardedAt != null),
            Roles.Lawyer => d => LawyerLevels.Contains(d.EscalationLevel),
            _ => d => false,
        };
    }
}
