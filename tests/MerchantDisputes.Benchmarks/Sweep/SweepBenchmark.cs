using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Escalation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Benchmarks.Sweep;

/// <summary>
/// The claim of issue 5: the sweep's cost grows with the number of due cases, not with all open cases.
/// Builds "due of due" and "due of open" databases, runs the app's <see cref="DeadlineSweep"/> on each in one process
/// (after a warm-up sweep on a small third database, so neither pays for JIT and EF model building), in rounds that
/// alternate which file goes first, each round on the file as seeded; prints every time (wall and the process's
/// CPU), the ratio of the medians, escalations per second, and SQLite's plan for the due query as the sweep sent it.
/// CPU time is there because a shared machine's load moves wall time; an fsync wait is not CPU time.
/// </summary>
public static class SweepBenchmark
{
    public const double TargetRatio = 1.5;

    /// <summary>Enough escalations for the JIT's tiering (and dynamic PGO) to settle before anything is timed.</summary>
    private const int WarmUpCases = 2000;

    public static async Task<int> RunAsync(string workDirectory, int open, int due, int rounds)
    {
        Directory.CreateDirectory(workDirectory);
        var warm = Path.Combine(workDirectory, "sweep-warmup.db");
        var small = Path.Combine(workDirectory, $"sweep-{due}-of-{due}.db");
        var large = Path.Combine(workDirectory, $"sweep-{due}-of-{open}.db");

        await BuildAsync(warm, WarmUpCases, WarmUpCases);
        var smallBuild = await BuildAsync(small, due, due);
        var largeBuild = await BuildAsync(large, open, due);

        await SweepAsync(warm, WarmUpCases, "warm-up");
        var smallRuns = new List<Run>();
        var largeRuns = new List<Run>();
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so that a change in the machine's load falls on both alike.
            var order = round % 2 == 0 ? new[] { false, true } : [true, false];
            foreach (var isLarge in order)
            {
                var (path, runs) = isLarge ? (large, largeRuns) : (small, smallRuns);
                Restore(path);
                runs.Add(await SweepAsync(path, due, $"round {round + 1}: {due:N0} due of {(isLarge ? open : due):N0}"));
            }
        }

        var idle = await SweepAsync(large, 0, $"0 due of {open:N0} (the same file, swept again)");
        var report = Report(open, due, smallBuild, largeBuild, smallRuns, largeRuns, idle);
        Console.WriteLine();
        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(workDirectory, "sweep.md"), report);
        return 0;
    }

    private static async Task<Build> BuildAsync(string path, int open, int due)
    {
        var (migrate, insert) = await SweepDatabase.CreateAsync(path, open, due);
        var megabytes = new FileInfo(path).Length / 1024.0 / 1024;
        File.Copy(path, path + ".seeded", overwrite: true);
        Console.WriteLine($"built {Path.GetFileName(path)}: migrations {migrate.TotalSeconds:F1} s, {open:N0} cases inserted in {insert.TotalSeconds:F1} s, {megabytes:F0} MiB");
        return new Build(open, due, insert, megabytes);
    }

    /// <summary>Puts the file back as seeded: every round sweeps the same due cases.</summary>
    private static void Restore(string path)
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        File.Copy(path + ".seeded", path, overwrite: true);
    }

    private static async Task<Run> SweepAsync(string path, int expected, string label)
    {
        var plans = new PlanCapture();
        await using var services = Host(path, plans);
        var sweep = services.GetRequiredService<DeadlineSweep>();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await sweep.RunAsync(CancellationToken.None);
        clock.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        if (result.Escalated != expected || result.Moved != expected)
        {
            throw new InvalidOperationException($"{label}: expected {expected} escalations, the sweep reports {result}.");
        }

        Console.WriteLine($"swept {label}: {result.Escalated:N0} escalated in {clock.Elapsed.TotalSeconds:F2} s (CPU {cpu.TotalSeconds:F2} s)");
        SqliteConnection.ClearAllPools();
        return new Run(label, result.Escalated, clock.Elapsed, cpu, plans.Plans);
    }

    /// <summary>What the sweep needs, registered by the app's own <see cref="EscalationExtensions.AddEscalation"/>.</summary>
    private static ServiceProvider Host(string path, PlanCapture plans)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddDbContext<DisputesDbContext, SqliteDisputesDbContext>(options => options
            .UseSqlite(SweepDatabase.ConnectionString(path))
            .AddInterceptors(plans));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(SweepDatabase.Now));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddEscalation();
        return services.BuildServiceProvider();
    }

    private static string Report(int open, int due, Build smallBuild, Build largeBuild, List<Run> small, List<Run> large, Run idle)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| sweep | file MiB | seeding s | escalated | wall s | CPU s | escalations/s (wall) |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (var (run, build) in small.Select(r => (r, smallBuild)).Concat(large.Select(r => (r, largeBuild))).Append((idle, largeBuild)))
        {
            var perSecond = run.Escalated == 0 ? "–" : (run.Escalated / run.Elapsed.TotalSeconds).ToString("F0", c);
            text.AppendLine(c, $"| {run.Label} | {build.Megabytes:F0} | {build.Insert.TotalSeconds:F1} | {run.Escalated:N0} | {run.Elapsed.TotalSeconds:F2} | {run.Cpu.TotalSeconds:F2} | {perSecond} |");
        }

        var smallWall = Median(small.Select(r => r.Elapsed.TotalSeconds));
        var largeWall = Median(large.Select(r => r.Elapsed.TotalSeconds));
        var smallCpu = Median(small.Select(r => r.Cpu.TotalSeconds));
        var largeCpu = Median(large.Select(r => r.Cpu.TotalSeconds));
        var ratio = largeWall / smallWall;
        text.AppendLine();
        text.AppendLine(c, $"median of {small.Count} round(s): {due:N0} of {due:N0} in {smallWall:F2} s ({due / smallWall:F0} escalations/s), {due:N0} of {open:N0} in {largeWall:F2} s ({due / largeWall:F0} escalations/s)");
        text.AppendLine(c, $"ratio (time for {due:N0} of {open:N0}) ÷ (time for {due:N0} of {due:N0}) = {ratio:F2} wall, {largeCpu / smallCpu:F2} CPU; target ≤ {TargetRatio:F1}: {(ratio <= TargetRatio ? "met" : "MISSED")}");
        text.AppendLine();
        text.AppendLine(c, $"Due query as the sweep sent it, and SQLite's plan for it on the {open:N0}-case file:");
        foreach (var (sql, plan) in large[0].Plans)
        {
            text.AppendLine();
            text.AppendLine("```sql");
            text.AppendLine(sql.Trim());
            text.AppendLine("```");
            text.AppendLine("```");
            text.AppendLine(plan.Trim());
            text.AppendLine("```");
        }

        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Build(int Open, int Due, TimeSpan Insert, double Megabytes);

    private sealed record Run(string Label, int Escalated, TimeSpan Elapsed, TimeSpan Cpu, IReadOnlyList<(string Sql, string Plan)> Plans);

    /// <summary>
    /// Asks SQLite for EXPLAIN QUERY PLAN of the due query the first time it is sent without and with a keyset
    /// key, with the same parameters, on the same connection; two extra statements in a whole sweep.
    /// </summary>
    private sealed class PlanCapture : DbCommandInterceptor
    {
        private readonly List<(string Sql, string Plan)> _plans = [];

        public IReadOnlyList<(string Sql, string Plan)> Plans => _plans;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var text = command.CommandText;
            if (_plans.Count < 2 && text.Contains("\"DeadlineAt\" <=", StringComparison.Ordinal)
                && !_plans.Exists(p => p.Sql.Contains("\"Id\" >", StringComparison.Ordinal) == text.Contains("\"Id\" >", StringComparison.Ordinal)))
            {
                _plans.Add((text, await ExplainAsync(command, cancellationToken)));
            }

            return result;
        }

        private static async Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken)
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            foreach (DbParameter parameter in command.Parameters)
            {
                var copy = explain.CreateParameter();
                copy.ParameterName = parameter.ParameterName;
                copy.Value = parameter.Value;
                explain.Parameters.Add(copy);
            }

            var lines = new StringBuilder();
            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            var depth = new Dictionary<long, int>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                var level = depth.TryGetValue(reader.GetInt64(1), out var parent) ? parent + 1 : 0;
                depth[id] = level;
                lines.Append(' ', level * 2).AppendLine(reader.GetString(3));
            }

            return lines.ToString();
        }
    }
}
