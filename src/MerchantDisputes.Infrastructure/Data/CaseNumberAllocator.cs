using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>
/// Hands out MD-YYYY-NNNNNN numbers without gaps from races: the increment is one UPDATE, which locks the
/// year's row until the caller's transaction commits. Call it inside the transaction that inserts the dispute.
/// </summary>
public static class CaseNumberAllocator
{
    public static async Task<string> NextAsync(DisputesDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var year = ChinaTime.ToChina(now).Year;
        var updated = await db.CaseNumberSequences
            .Where(s => s.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, x => x.LastValue + 1), cancellationToken);
        if (updated == 0)
        {
            db.CaseNumberSequences.Add(new CaseNumberSequence { Year = year, LastValue = 1 });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return CaseNumber.Format(year, 1);
        }

        var value = await db.CaseNumberSequences.AsNoTracking()
            .Where(s => s.Year == year)
            .Select(s => s.LastValue)
            .SingleAsync(cancellationToken);
        return CaseNumber.Format(year, value);
    }
}
