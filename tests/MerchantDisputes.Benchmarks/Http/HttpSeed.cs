using System.Diagnostics;
using MerchantDisputes.Benchmarks.Sweep;
using MerchantDisputes.Domain.Timeline;
using Microsoft.Data.Sqlite;

namespace MerchantDisputes.Benchmarks.Http;

/// <summary>
/// The database of tests/perf/http.sh: the sweep benchmark's cases (the app's migrations, <c>cases</c> submitted
/// cases of 1,000 merchants spread over ten platforms and the open statuses), and for each case four timeline
/// entries and two evidence rows, as a filed case has. Writes the ids of the cases to <c>ids</c>, one a line, for
/// wrk's scripts, and moves the year's case-number counter past the seeded numbers so new filings continue it.
/// </summary>
public static class HttpSeed
{
    private static readonly string[] Kinds = ["Created", "EvidenceAdded", "EvidenceAdded", "Submitted"];

    public static async Task<int> RunAsync(string path, int cases, string idsFile)
    {
        var clock = Stopwatch.StartNew();
        await SweepDatabase.CreateAsync(path, cases, Math.Max(1, cases / 100));
        await using var connection = new SqliteConnection(SweepDatabase.ConnectionString(path));
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA synchronous=OFF;");
        var ids = await CaseIdsAsync(connection);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await InsertTimelineAsync(connection, transaction, ids);
            await InsertEvidenceAsync(connection, transaction, ids);
            await Execute(connection, $"INSERT OR REPLACE INTO CaseNumberSequences (Year, LastValue) VALUES (2026, {cases});", transaction);
            await transaction.CommitAsync();
        }

        await File.WriteAllLinesAsync(idsFile, ids.Select(i => i.Id.ToString()));
        Console.WriteLine($"seeded {ids.Count:N0} cases, {ids.Count * Kinds.Length:N0} timeline entries, {ids.Count * 2:N0} evidence rows in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private static async Task<List<(Guid Id, Guid Merchant, long Created)>> CaseIdsAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, MerchantId, CreatedAt FROM Disputes ORDER BY Id";
        var ids = new List<(Guid, Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2)));
        }

        return ids;
    }

    private static async Task InsertTimelineAsync(SqliteConnection connection, SqliteTransaction transaction, List<(Guid Id, Guid Merchant, long Created)> ids)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO TimelineEntries (Id, ActorRole, ActorUserId, Audience, DataJson, DisputeId, Hash, Kind, OccurredAt, PreviousHash, Sequence)
            VALUES ($id, 'Merchant', $actor, 0, $data, $dispute, $hash, $kind, $at, $previous, $sequence)
            """;
        var p = Parameters(insert, "$id", "$actor", "$data", "$dispute", "$hash", "$kind", "$at", "$previous", "$sequence");
        foreach (var (id, merchant, created) in ids)
        {
            var previous = TimelineEntry.GenesisHash;
            for (var i = 0; i < Kinds.Length; i++)
            {
                var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{id}{i}{previous}")));
                Set(p, ("$id", Guid.CreateVersion7()), ("$actor", merchant), ("$data", """{"note":"seeded"}"""), ("$dispute", id),
                    ("$hash", hash), ("$kind", Kinds[i]), ("$at", created + i), ("$previous", previous), ("$sequence", i + 1));
                await insert.ExecuteNonQueryAsync();
                previous = hash;
            }
        }
    }

    private static async Task InsertEvidenceAsync(SqliteConnection connection, SqliteTransaction transaction, List<(Guid Id, Guid Merchant, long Created)> ids)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Evidence (Id, DisputeId, UploadedBy, Caption, Format, ContentType, OriginalFormat, Width, Height, OriginalBytes,
                SanitizedBytes, OriginalSha256, SanitizedSha256, BlobName, SeenInOtherMerchantsCase, CreatedAt)
            VALUES ($id, $dispute, $merchant, '平台判定截图', 'png', 'image/png', 'png', 1080, 2400, 412345, 398765, $sha, $sha, $blob, 0, $at)
            """;
        var p = Parameters(insert, "$id", "$dispute", "$merchant", "$sha", "$blob", "$at");
        foreach (var (id, merchant, created) in ids)
        {
            for (var i = 0; i < 2; i++)
            {
                var evidenceId = Guid.CreateVersion7();
                Set(p, ("$id", evidenceId), ("$dispute", id), ("$merchant", merchant),
                    ("$sha", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(evidenceId.ToByteArray()))),
                    ("$blob", $"{id:N}/{evidenceId:N}.png"), ("$at", created + 1 + i));
                await insert.ExecuteNonQueryAsync();
            }
        }
    }

    private static Dictionary<string, SqliteParameter> Parameters(SqliteCommand command, params string[] names) =>
        names.ToDictionary(n => n, n => command.Parameters.Add(n, SqliteType.Text), StringComparer.Ordinal);

    private static void Set(Dictionary<string, SqliteParameter> parameters, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            parameters[name].Value = value;
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
