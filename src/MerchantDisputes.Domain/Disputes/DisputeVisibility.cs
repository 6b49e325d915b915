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

    // The level is stored as its name, so ">=" in a query would compare text ("None" >= "LegalReview").
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
            Roles.Mediator or Roles.Admin => d => d.Status != DisputeStatus.Draft,
            Roles.PlatformAgent => d => d.PlatformId == platformId
                && (ForwardedStatuses.Contains(d.Status) || d.ForwardedAt != null),
            Roles.Lawyer => d => LawyerLevels.Contains(d.EscalationLevel),
            _ => d => false,
        };
    }
}
