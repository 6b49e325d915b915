using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Statistics;
using MerchantDisputes.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>
/// Keeps <see cref="PublicTally"/> in step with the cases: before a save, each changed case takes one off every key its
/// stored values counted in and adds one to every key its new values count in (a claim adds, a rejection takes off, an
/// answer moves the case from one outcome key to another); the differences are written by the same transaction as the
/// case, as atomic increments, so concurrent writers never lose one.
/// </summary>
public static class PublicTallyUpdates
{
    /// <summary>The net change per key of the tracked cases' pending changes; keys that net to zero are left out.</summary>
    public static Dictionary<TallyKey, int> Collect(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var deltas = new Dictionary<TallyKey, int>();
        foreach (var entry in tracker.Entries<Dispute>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                Add(deltas, KeysOf(entry.OriginalValues), -1);
            }

            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                Add(deltas, KeysOf(entry.CurrentValues), +1);
            }
        }

        foreach (var zero in deltas.Where(d => d.Value == 0).Select(d => d.Key).ToList())
        {
            deltas.Remove(zero);
        }

        return deltas;
    }

    /// <summary>Every counted case's keys, computed from the cases themselves: the full computation.</summary>
    public static async Task<Dictionary<TallyKey, int>> ComputeAsync(DisputesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counted = await db.Disputes.AsNoTracking()
            .Where(d => d.SubmittedPeriod != null && d.AssignedMediatorId != null && d.Status != DisputeStatus.Rejected)
            .Select(d => new
            {
                Period = d.SubmittedPeriod!.Value, d.PlatformId, d.Type, d.Region, d.MerchantGender, d.Currency, d.Amount,
                Forwarded = d.ForwardedAt != null, d.AnsweredBeforeFirstDeadline, d.Rating, d.Accepted, d.MerchantScore, d.TimeToFirstAnswer,
            })
            .ToListAsync(cancellationToken);
        var totals = new Dictionary<TallyKey, int>();
        foreach (var d in counted)
        {
            var facts = new CaseFacts(d.Type, d.Region, d.MerchantGender, d.Currency, d.Amount, d.Forwarded, d.TimeToFirstAnswer is not null,
                d.AnsweredBeforeFirstDeadline, d.Rating, d.Accepted, d.MerchantScore, d.TimeToFirstAnswer);
            Add(totals, PublicTallies.KeysOf(d.Period, d.PlatformId, facts), +1);
        }

        return totals;
    }

    /// <summary>Replaces every tally with the full computation (a database from before the tallies, or a repair).</summary>
    public static async Task RebuildAsync(DisputesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var totals = await ComputeAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<PublicTally>().ExecuteDeleteAsync(cancellationToken);
        db.Set<PublicTally>().AddRange(totals.Select(t => new PublicTally
        {
            Period = t.Key.Period, PlatformId = t.Key.PlatformId, Dimension = t.Key.Dimension, Key = t.Key.Key, Count = t.Value,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    internal static async Task ApplyAsync(DisputesDbContext db, Dictionary<TallyKey, int> deltas, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsSqlServer() ? SqlServerUpsert : SqliteUpsert;
        foreach (var (key, delta) in deltas)
        {
            await db.Database.ExecuteSqlRawAsync(sql, [key.Period, key.PlatformId, (int)key.Dimension, key.Key, delta], cancellationToken);
        }
    }

    internal static void Apply(DisputesDbContext db, Dictionary<TallyKey, int> deltas)
    {
        var sql = db.Database.IsSqlServer() ? SqlServerUpsert : SqliteUpsert;
        foreach (var (key, delta) in deltas)
        {
            db.Database.ExecuteSqlRaw(sql, key.Period, key.PlatformId, (int)key.Dimension, key.Key, delta);
        }
    }

    private const string SqliteUpsert =
        """
        INSERT INTO "PublicTallies" ("Period", "PlatformId", "Dimension", "Key", "Count") VALUES ({0}, {1}, {2}, {3}, {4})
        ON CONFLICT ("Period", "PlatformId", "Dimension", "Key") DO UPDATE SET "Count" = "Count" + excluded."Count"
        """;

    private const string SqlServerUpsert =
        """
        MERGE [PublicTallies] WITH (HOLDLOCK) AS t
        USING (SELECT {0} AS [Period], {1} AS [PlatformId], {2} AS [Dimension], {3} AS [Key], {4} AS [Count]) AS s
        ON t.[Period] = s.[Period] AND t.[PlatformId] = s.[PlatformId] AND t.[Dimension] = s.[Dimension] AND t.[Key] = s.[Key]
        WHEN MATCHED THEN UPDATE SET [Count] = t.[Count] + s.[Count]
        WHEN NOT MATCHED THEN INSERT ([Period], [PlatformId], [Dimension], [Key], [Count]) VALUES (s.[Period], s.[PlatformId], s.[Dimension], s.[Key], s.[Count]);
        """;

    private static IEnumerable<TallyKey> KeysOf(PropertyValues values)
    {
        var period = values.GetValue<int?>(nameof(Dispute.SubmittedPeriod));
        if (!PublicTallies.Counts(period, values.GetValue<Guid?>(nameof(Dispute.AssignedMediatorId)), values.GetValue<DisputeStatus>(nameof(Dispute.Status))))
        {
            return [];
        }

        var answer = values.GetValue<TimeSpan?>(nameof(Dispute.TimeToFirstAnswer));
        var facts = new CaseFacts(
            values.GetValue<DisputeType>(nameof(Dispute.Type)),
            values.GetValue<string>(nameof(Dispute.Region)),
            values.GetValue<Gender?>(nameof(Dispute.MerchantGender)),
            values.GetValue<string>(nameof(Dispute.Currency)),
            values.GetValue<decimal>(nameof(Dispute.Amount)),
            values.GetValue<DateTimeOffset?>(nameof(Dispute.ForwardedAt)) is not null,
            answer is not null,
            values.GetValue<bool>(nameof(Dispute.AnsweredBeforeFirstDeadline)),
            values.GetValue<CaseRating?>(nameof(Dispute.Rating)),
            values.GetValue<bool>(nameof(Dispute.Accepted)),
            values.GetValue<int?>(nameof(Dispute.MerchantScore)),
            answer);
        return PublicTallies.KeysOf(period!.Value, values.GetValue<int>(nameof(Dispute.PlatformId)), facts);
    }

    private static void Add(Dictionary<TallyKey, int> deltas, IEnumerable<TallyKey> keys, int by)
    {
        foreach (var key in keys)
        {
            deltas[key] = deltas.GetValueOrDefault(key) + by;
        }
    }
}
