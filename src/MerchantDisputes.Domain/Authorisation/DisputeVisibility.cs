using System.Linq.Expressions;
using System.Reflection;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Queries;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Authorisation;

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

    /// <summary>The rule for one person: their ids go to the database as parameters, one query plan per role.</summary>
    public static Expression<Func<Dispute, bool>> For(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var rule = ForRole(actor.Role);
        var caller = Expression.Constant(new Caller(actor.UserId ?? Guid.Empty, actor.PlatformId ?? -1));
        var body = ExpressionInlining.Substitute(rule.Body, new Dictionary<ParameterExpression, Expression>
        {
            [rule.Parameters[1]] = Expression.Field(caller, nameof(Caller.UserId)),
            [rule.Parameters[2]] = Expression.Field(caller, nameof(Caller.PlatformId)),
        });
        return Expression.Lambda<Func<Dispute, bool>>(body, rule.Parameters[0]);
    }

    /// <summary>The rule of a role, with the caller's user id and platform id (-1 for none) as parameters.</summary>
    public static Expression<Func<Dispute, Guid, int, bool>> ForRole(string role) => role switch
    {
        Roles.Merchant => (d, userId, platformId) => d.MerchantId == userId,
        // Ever submitted: a draft the merchant withdrew before submitting stays private.
        Roles.Mediator or Roles.Admin => (d, userId, platformId) => d.SubmittedAt != null,
        Roles.PlatformAgent => (d, userId, platformId) => d.PlatformId == platformId
            && (ForwardedStatuses.Contains(d.Status) || d.ForwardedAt != null),
        Roles.Lawyer => (d, userId, platformId) => LawyerLevels.Contains(d.EscalationLevel),
        _ => (d, userId, platformId) => false,
    };

    /// <summary>
    /// The rule of a role, run in memory on <typeparamref name="TCase"/>: a case read in another shape than a
    /// <see cref="Dispute"/>, carrying every member the rule reads under the same name and type. A rule that reads a
    /// member the shape lacks throws here, when the rule is compiled, instead of answering wrongly on a request.
    /// </summary>
    public static Func<TCase, Guid, int, bool> CompileFor<TCase>(string role)
    {
        var rule = ForRole(role);
        var shape = Expression.Parameter(typeof(TCase), "c");
        var body = new MemberMove(rule.Parameters[0], shape).Visit(rule.Body);
        return Expression.Lambda<Func<TCase, Guid, int, bool>>(body, shape, rule.Parameters[1], rule.Parameters[2]).Compile();
    }

    /// <summary>
    /// Stands for the rule of the role given to <see cref="Apply{TQuery}"/> inside a query written once for every
    /// role, such as a compiled query; it cannot run by itself.
    /// </summary>
    public static bool Allows(Dispute dispute, Guid userId, int platformId) =>
        throw new InvalidOperationException("DisputeVisibility.Allows only marks a place in a query given to DisputeVisibility.Apply.");

    private static readonly MethodInfo AllowsMethod = typeof(DisputeVisibility).GetMethod(nameof(Allows))!;

    /// <summary>The query with every <see cref="Allows"/> replaced by the rule of <paramref name="role"/>.</summary>
    public static Expression<TQuery> Apply<TQuery>(Expression<TQuery> query, string role)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ExpressionInlining.Inline(query, AllowsMethod, ForRole(role));
    }

    /// <summary>Reads each member of the case from the other shape instead.</summary>
    private sealed class MemberMove(ParameterExpression dispute, ParameterExpression shape) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression != dispute)
            {
                return base.VisitMember(node);
            }

            var moved = shape.Type.GetProperty(node.Member.Name);
            return moved is not null && moved.PropertyType == node.Type
                ? Expression.Property(shape, moved)
                : throw new InvalidOperationException($"{shape.Type.Name} has no {node.Type.Name} {node.Member.Name}, which the visibility rule reads.");
        }

        protected override Expression VisitParameter(ParameterExpression node) => node == dispute
            ? throw new InvalidOperationException("The visibility rule uses the case other than through its members.")
            : node;
    }

    /// <summary>A closure as the C# compiler makes one: EF Core reads its fields as query parameters.</summary>
    private sealed class Caller(Guid userId, int platformId)
    {
#pragma warning disable CA1051 // Fields, as in a compiler-made closure, which is what EF Core parameterises.
        public readonly Guid UserId = userId;
        public readonly int PlatformId = platformId;
#pragma warning restore CA1051
    }
}
