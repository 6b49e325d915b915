using System.Diagnostics;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Benchmarks.Sweep;

/// <summary>
/// A SQLite file with the app's real schema (its EF migrations) and <c>open</c> open cases, <c>due</c> of which are
/// AwaitingPlatform with RespondBy (and so DeadlineAt) in the past. The rest have a deadline in the future:
/// 70 % AwaitingPlatform, 10 % NeedsInfo, 10 % PlatformResponded (the sweep's other two timed statuses), and 10 %
/// UnderReview with no deadline. Due cases are spread evenly through the table (every open/due-th row), which is
/// the unkind layout for the sweep's page reads. One thousand merchants own the cases, round robin.
/// Rows go in with one prepared INSERT in one transaction, journal and fsync off for the seeding only, the Disputes
/// indexes dropped meanwhile and re-created from their migration SQL; then the file is put in WAL mode, as the
/// app's start-up does. No ANALYZE, as the app runs none.
/// Not seeded: timeline entries, notifications and emails of the cases' past (the sweep does not read them).
/// </summary>
public static class SweepDatabase
{
    public const int Merchants = 1000;

    /// <summary>The sweep's "now": every instant here is relative to it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = true,
        DefaultTimeout = 30, // as the app's Database:SqliteBusyTimeoutSeconds default
    }.ToString();

    /// <returns>How long the migrations and the inserts took.</returns>
    public static async Task<(TimeSpan Migrate, TimeSpan Insert)> CreateAsync(string path, int open, int due)
    {
        if (due > open || due < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(due), "Need 1 ≤ due ≤ open.");
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }

        var clock = Stopwatch.StartNew();
        await using (var db = new SqliteDisputesDbContext(
            new DbContextOptionsBuilder<SqliteDisputesDbContext>().UseSqlite(ConnectionString(path)).Options))
        {
            await db.Database.MigrateAsync();
        }

        // The pooled connection the migrations used would keep the file open and block the journal-mode change.
        SqliteConnection.ClearAllPools();

        var migrate = clock.Elapsed;
        clock.Restart();
        await using (var connection = new SqliteConnection(ConnectionString(path) + ";Pooling=False"))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288;");
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
            {
                // The Disputes indexes are dropped and made again, from the migrations' own SQL, after the rows are in:
                // one sort per index instead of a million scattered B-tree inserts. The schema ends up as migrated.
                var indexes = await DisputeIndexesAsync(connection, transaction);
                foreach (var (name, _) in indexes)
                {
                    await ExecuteAsync(connection, $"DROP INDEX \"{name}\";", transaction);
                }

                var merchants = await InsertMerchantsAsync(connection, transaction);
                await InsertDisputesAsync(connection, transaction, merchants, open, due);
                foreach (var (_, sql) in indexes)
                {
                    await ExecuteAsync(connection, sql, transaction);
                }

                await transaction.CommitAsync();
            }

            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
        }

        return (migrate, clock.Elapsed);
    }

    private static async Task<Guid[]> InsertMerchantsAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO AspNetUsers (Id, DisplayName, StoreName, Province, Gender, PlatformId, CreatedAt, UserName, NormalizedUserName,
                Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp, PhoneNumber, PhoneNumberConfirmed,
                TwoFactorEnabled, LockoutEnd, LockoutEnabled, AccessFailedCount)
            VALUES ($id, $name, $store, 'ZJ', NULL, NULL, $created, $email, $normalized, $email, $normalized, 1, NULL, $stamp, $stamp,
                NULL, 0, 0, NULL, 1, 0)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var store = insert.Parameters.Add("$store", SqliteType.Text);
        var created = insert.Parameters.Add("$created", SqliteType.Integer);
        var email = insert.Parameters.Add("$email", SqliteType.Text);
        var normalized = insert.Parameters.Add("$normalized", SqliteType.Text);
        var stamp = insert.Parameters.Add("$stamp", SqliteType.Text);
        insert.Prepare();
        var ids = new Guid[Merchants];
        for (var i = 0; i < Merchants; i++)
        {
            ids[i] = Guid.CreateVersion7(Now.AddYears(-1).AddMinutes(i));
            id.Value = ids[i];
            name.Value = $"商家{i:D4}";
            store.Value = $"店铺{i:D4}";
            created.Value = Now.AddYears(-1).UtcTicks;
            email.Value = $"merchant{i:D4}@shop.test";
            normalized.Value = $"MERCHANT{i:D4}@SHOP.TEST";
            stamp.Value = Guid.NewGuid().ToString("N");
            insert.ExecuteNonQuery();
        }

        return ids;
    }

    private static async Task InsertDisputesAsync(SqliteConnection connection, SqliteTransaction transaction, Guid[] merchants, int open, int due)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Disputes (Id, Accepted, Amount, AnsweredBeforeFirstDeadline, AssignedMediatorId, CaseNumber, Contested, CreatedAt,
                Currency, DeadlineAt, DesiredOutcome, EndedAt, EscalationLevel, FirstRespondBy, ForwardedAt, LastTimelineHash,
                MerchantGender, MerchantId, MerchantScore, Narrative, Outcome, PlatformId, Rating,
                RefundOnly_LogisticsStatus, RefundOnly_OrderNumber, RefundOnly_RefundedAmount, RefundOnly_RuledOn, RefundOnly_TrackingNumber,
                Region, RespondBy, RespondedAt, Status, SubmittedAt, SubmittedPeriod, TimelineCount, Title, TitleIsPublic, Type, UpdatedAt, Version)
            VALUES ($id, 0, $amount, 0, $mediator, $number, 0, $created,
                'CNY', $deadline, '退回被扣的货款', NULL, 0, $respondBy, $forwarded, $hash,
                NULL, $merchant, NULL, $narrative, $outcome, $platform, NULL,
                'Delivered', $order, $amount, '2026-05-01', $tracking,
                'CN-ZJ', $respondBy, $responded, $status, $submitted, 202605, 4, $title, 0, 'RefundOnly', $updated, 4)
            """;
        var p = new Dictionary<string, SqliteParameter>(StringComparer.Ordinal);
        foreach (var (name, type) in new[]
        {
            ("$id", SqliteType.Text), ("$amount", SqliteType.Integer), ("$mediator", SqliteType.Text), ("$number", SqliteType.Text),
            ("$created", SqliteType.Integer), ("$deadline", SqliteType.Integer), ("$respondBy", SqliteType.Integer),
            ("$forwarded", SqliteType.Integer), ("$hash", SqliteType.Text), ("$merchant", SqliteType.Text), ("$narrative", SqliteType.Text),
            ("$outcome", SqliteType.Text), ("$platform", SqliteType.Integer), ("$order", SqliteType.Text), ("$tracking", SqliteType.Text),
            ("$responded", SqliteType.Integer), ("$status", SqliteType.Text), ("$submitted", SqliteType.Integer), ("$title", SqliteType.Text),
            ("$updated", SqliteType.Integer),
        })
        {
            p[name] = insert.Parameters.Add(name, type);
        }

        insert.Prepare();
        var mediator = Guid.Parse("0195f2a0-2222-7000-8000-000000000001");
        var random = new Random(20260601);
        var every = open / due;
        var dueLeft = due;
        var first = Now.AddDays(-60);
        var step = TimeSpan.FromDays(50) / open;
        for (var i = 0; i < open; i++)
        {
            var isDue = dueLeft > 0 && i % every == 0;
            if (isDue)
            {
                dueLeft--;
            }

            var created = first + (step * i);
            var (status, deadline, respondBy) = Timer(isDue, i, random);
            var forwarded = (respondBy ?? deadline ?? Now) - TimeSpan.FromDays(9); // about 7 working days
            p["$id"].Value = Guid.CreateVersion7(created);
            p["$amount"].Value = 10_000 + (i % 90_000);
            p["$mediator"].Value = mediator;
            p["$number"].Value = CaseNumber.Format(2026, i + 1);
            p["$created"].Value = created.UtcTicks;
            p["$deadline"].Value = (object?)deadline?.UtcTicks ?? DBNull.Value;
            p["$respondBy"].Value = (object?)respondBy?.UtcTicks ?? DBNull.Value;
            p["$forwarded"].Value = status is DisputeStatus.UnderReview or DisputeStatus.NeedsInfo ? DBNull.Value : forwarded.UtcTicks;
            p["$hash"].Value = TimelineEntry.GenesisHash;
            p["$merchant"].Value = merchants[i % merchants.Length];
            p["$narrative"].Value = "平台在买家未退货的情况下直接从我的货款中扣除了退款，物流显示已签收，申诉被驳回。";
            p["$outcome"].Value = status == DisputeStatus.PlatformResponded ? nameof(PlatformOutcome.Upheld) : DBNull.Value;
            p["$platform"].Value = (i % 10) + 1;
            p["$order"].Value = $"SO{i:D10}";
            p["$tracking"].Value = $"SF{i:D12}";
            p["$responded"].Value = status == DisputeStatus.PlatformResponded ? (deadline!.Value - CaseWindows.Default.AutoResolve.Duration).UtcTicks : DBNull.Value;
            p["$status"].Value = status.ToString();
            p["$submitted"].Value = created.AddHours(1).UtcTicks;
            p["$title"].Value = $"仅退款申诉 {i}";
            p["$updated"].Value = Now.AddDays(-1).UtcTicks;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Status, DeadlineAt and RespondBy of row <paramref name="i"/>.</summary>
    private static (DisputeStatus Status, DateTimeOffset? Deadline, DateTimeOffset? RespondBy) Timer(bool isDue, int i, Random random)
    {
        if (isDue)
        {
            // Lapsed within the last day: one escalation step each, and the next step (3 days on) is not due yet.
            var lapsed = Now - TimeSpan.FromSeconds(1 + random.Next(86_400));
            return (DisputeStatus.AwaitingPlatform, lapsed, lapsed);
        }

        var ahead = Now + TimeSpan.FromSeconds(60 + random.Next(7 * 86_400));
        return (i % 10) switch
        {
            7 => (DisputeStatus.NeedsInfo, ahead, null),
            8 => (DisputeStatus.PlatformResponded, ahead, null),
            9 => (DisputeStatus.UnderReview, null, null),
            _ => (DisputeStatus.AwaitingPlatform, ahead, ahead),
        };
    }

    private static async Task<List<(string Name, string Sql)>> DisputeIndexesAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Disputes' AND sql IS NOT NULL";
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
