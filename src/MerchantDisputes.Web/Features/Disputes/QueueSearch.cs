using System.Linq.Expressions;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Infrastructure.Data;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// What the queue's search box finds a case by: any field that contains the term (case number, order number, store
/// name, the store's id on the platform from the profile or the case). One more field is one more line in
/// <see cref="Fields"/>.
/// </summary>
public static class QueueSearch
{
    public const int MaxLength = 100;

    private static readonly Func<DisputesDbContext, string, Expression<Func<Dispute, bool>>>[] Fields =
    [
        (_, term) => CaseNumber(term.ToUpperInvariant()),
        (_, term) => d => d.RefundOnly != null && d.RefundOnly.OrderNumber != null && d.RefundOnly.OrderNumber.Contains(term),
        (db, term) => d => db.Users.Any(u => u.Id == d.MerchantId && u.StoreName != null && u.StoreName.Contains(term)),
        (db, term) => d => db.Users.Any(u => u.Id == d.MerchantId && u.StoreId != null && u.StoreId.Contains(term)),
        (_, term) => d => d.FrozenFunds != null && d.FrozenFunds.StoreId != null && d.FrozenFunds.StoreId.Contains(term),
        (_, term) => d => d.ForcedFee != null && d.ForcedFee.StoreId != null && d.ForcedFee.StoreId.Contains(term),
    ];

    /// <summary>Case numbers are upper case (MD-2026-000123); the term is made so before it reaches the database.</summary>
    private static Expression<Func<Dispute, bool>> CaseNumber(string upper) => d => d.CaseNumber.Contains(upper);

    /// <summary>The term trimmed, or null for nothing to search (blank); longer than <see cref="MaxLength"/> is cut.</summary>
    public static string? Normalise(string? term)
    {
        var trimmed = term?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxLength ? trimmed[..MaxLength] : trimmed;
    }

    /// <summary>The cases of which any field contains <paramref name="term"/>.</summary>
    public static IQueryable<Dispute> Apply(IQueryable<Dispute> query, DisputesDbContext db, string term)
    {
        ArgumentNullException.ThrowIfNull(query);
        var d = Expression.Parameter(typeof(Dispute), "d");
        var any = Fields
            .Select(field => (Expression)Expression.Invoke(field(db, term), d))
            .Aggregate(Expression.OrElse);
        return query.Where(Expression.Lambda<Func<Dispute, bool>>(any, d));
    }
}
