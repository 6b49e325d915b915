using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Infrastructure;
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
/// CPU), the ratio of the medians, escalations per second, CPU per escalation, the index entries the due queries
/// read (counted, see <see cref="PlanCapture"/>) and SQLite's plan for the due query as the sweep sent it.
/// CPU time is there because a shared machine's load moves wall time; an fsync wait is not CPU time.
/// </summary>
public static class SweepBenchmark
{
    public const double TargetRatio = 1.5;

    /// <summary>Issue 28: escalations per second for the due cases among the open ones.</summary>
    public const double TargetPerSecond = 1000;

    /// <summary>Enough escalations for the JIT's tiering (and dynamic PGO) to settle before anything is timed.</summary>
    private const int WarmUpCases = 2000;

    /// <summary>
    /// The sweep saves a batch of 200 at a time, so the save path runs only ten times per warm-up sweep: too few calls
    /// for tiered compilation to promote it (a first timed sweep of 4,000 took twice the CPU of the second after one
    /// warm-up sweep). Four sweeps of the warm-up file, each as seeded, make forty batches.
    /// </summary>
    private const int WarmUpRounds = 4;

    public static async Task<int> RunAsync(string workDirectory, int open, int due, int rounds)
    {
        Directory.CreateDirectory(workDirectory);
        var warm = Path.Combine(workDirectory, "sweep-warmup.db");
        var small = Path.Combine(workDirectory, $"sweep-{due}-of-{due}.db");
        var large = Path.Combine(workDirectory, $"sweep-{due}-of-{open}.db");

        await BuildAsync(warm, WarmUpCases, WarmUpCases);
        var smallBuild = await BuildAsync(small, due, due);
        var largeBuild = await BuildAsync(large, open, due);

        Run? warmUp = null;
        for (var round = 1; round <= WarmUpRounds; round++)
        {
            Restore(warm);
            warmUp = await SweepAsync(warm, WarmUpCases, $"warm-up {round} of {WarmUpRounds}: {WarmUpCases:N0} due of {WarmUpCases:N0}");
        }

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
        var report = Report(open, due, smallBuild, largeBuild, smallRuns, largeRuns, idle, warmUp!);
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

        Console.WriteLine($"swept {label}: {result.Escalated:N0} escalated in {clock.Elapsed.TotalSeconds:F2} s (CPU {cpu.TotalSeconds:F2} s), {plans.Queries} due queries read {plans.Entries:N0} index entries");
        SqliteConnection.ClearAllPools();
        return new Run(label, result.Escalated, clock.Elapsed, cpu, plans.Plans, plans.Queries, plans.Entries);
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
        services.AddOptions<AppOptions>().Configure(o => o.PublicBaseUrl = new Uri("http://127.0.0.1/"));
        return services.BuildServiceProvider();
    }

    private static string Report(int open, int due, Build smallBuild, Build largeBuild, List<Run> small, List<Run> large, Run idle, Run warmUp)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| sweep | file MiB | seeding s | escalated | wall s | CPU s | escalations/s (wall) | CPU ms/escalation | due queries | index entries read |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        text.AppendLine(c, $"| {warmUp.Label} | – | – | {warmUp.Escalated:N0} | {warmUp.Elapsed.TotalSeconds:F2} | {warmUp.Cpu.TotalSeconds:F2} | {PerSecond(warmUp)} | {CpuPerEscalation(warmUp)} | {warmUp.Queries} | {warmUp.Entries:N0} |");
        foreach (var (run, build) in small.Select(r => (r, smallBuild)).Concat(large.Select(r => (r, largeBuild))).Append((idle, largeBuild)))
        {
            text.AppendLine(c, $"| {run.Label} | {build.Megabytes:F0} | {build.Insert.TotalSeconds:F1} | {run.Escalated:N0} | {run.Elapsed.TotalSeconds:F2} | {run.Cpu.TotalSeconds:F2} | {PerSecond(run)} | {CpuPerEscalation(run)} | {run.Queries} | {run.Entries:N0} |");
        }

        var smallWall = Median(small.Select(r => r.Elapsed.TotalSeconds));
        var largeWall = Median(large.Select(r => r.Elapsed.TotalSeconds));
        var smallCpu = Median(small.Select(r => r.Cpu.TotalSeconds));
        var largeCpu = Median(large.Select(r => r.Cpu.TotalSeconds));
        var ratio = largeWall / smallWall;
        text.AppendLine();
        text.AppendLine(c, $"median of {small.Count} round(s): {due:N0} of {due:N0} in {smallWall:F2} s ({due / smallWall:F0} escalations/s), {due:N0} of {open:N0} in {largeWall:F2} s ({due / largeWall:F0} escalations/s)");
        text.AppendLine(c, $"ratio (time for {due:N0} of {open:N0}) ÷ (time for {due:N0} of {due:N0}) = {ratio:F2} wall, {largeCpu / smallCpu:F2} CPU; target ≤ {TargetRatio:F1}: {(ratio <= TargetRatio ? "met" : "MISSED")}");
        var perSecond = due / largeWall;
        text.AppendLine(c, $"escalations per second, {due:N0} of {open:N0}: {perSecond:F0} (median wall); target ≥ {TargetPerSecond:F0}: {(perSecond >= TargetPerSecond ? "met" : "MISSED")}");
        text.AppendLine(c, $"CPU per escalation (median): {smallCpu * 1000 / due:F2} ms of {due:N0}, {largeCpu * 1000 / due:F2} ms of {open:N0}");
        text.AppendLine(c, $"index entries read by the due queries per sweep: {warmUp.Entries:N0} for {WarmUpCases:N0} due, {small[0].Entries:N0} for {due:N0} due of {due:N0}, {large[0].Entries:N0} for {due:N0} due of {open:N0}");
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

    private static string PerSecond(Run run) =>
        run.Escalated == 0 ? "–" : (run.Escalated / run.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);

    private static string CpuPerEscalation(Run run) =>
        run.Escalated == 0 ? "–" : (run.Cpu.TotalMilliseconds / run.Escalated).ToString("F2", CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Build(int Open, int Due, TimeSpan Insert, double Megabytes);

    private sealed record Run(
        string Label, int Escalated, TimeSpan Elapsed, TimeSpan Cpu, IReadOnlyList<(string Sql, string Plan)> Plans, int Queries, long Entries);

    /// <summary>
    /// Asks SQLite for EXPLAIN QUERY PLAN of the due query the first time it is sent without and with a keyset key,
    /// with the same parameters, on the same connection; and counts the index entries every due query reads: the
    /// rows its WHERE selects (its index range), counted from the index just before it runs, all of them when its
    /// plan sorts in a temporary B-tree, at most LIMIT of them (where SQLite stops) when the index gives the order.
    /// Two plans and one count of at most a page per page: a few milliseconds in a sweep, inside the times measured.
    /// </summary>
    private sealed class PlanCapture : DbCommandInterceptor
    {
        private readonly List<(string Sql, string Plan)> _plans = [];

        public IReadOnlyList<(string Sql, string Plan)> Plans => _plans;

        public int Queries { get; private set; }

        public long Entries { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var text = command.CommandText;
            if (!text.Contains("\"DeadlineAt\" <=", StringComparison.Ordinal))
            {
                return result;
            }

            var keyed = text.Contains("\"Id\" >", StringComparison.Ordinal);
            var plan = _plans.Find(p => p.Sql.Contains("\"Id\" >", StringComparison.Ordinal) == keyed).Plan;
            if (plan is null)
            {
                plan = await ExplainAsync(command, cancellationToken);
                _plans.Add((text, plan));
            }

            // The rows of the same FROM and WHERE, read from the index alone: all of them when the plan sorts, else up to
            // the LIMIT, which is where SQLite stops reading the index in order.
            var sorts = plan.Contains("TEMP B-TREE", StringComparison.Ordinal);
            var from = text.IndexOf("FROM ", StringComparison.Ordinal);
            var end = sorts ? text.IndexOf("ORDER BY", StringComparison.Ordinal) : text.Length;
            Queries++;
            Entries += await CountAsync(command, "SELECT count(*) FROM (SELECT 1 " + text[from..end] + ")", cancellationToken);
            return result;
        }

        private static async Task<long> CountAsync(DbCommand command, string sql, CancellationToken cancellationToken)
        {
            await using var count = Copy(command, sql);
            return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        private static DbCommand Copy(DbCommand command, string sql)
        {
            var copy = command.Connection!.CreateCommand();
            copy.Transaction = command.Transaction;
            copy.CommandText = sql;
            foreach (DbParameter parameter in command.Parameters)
            {
                var value = copy.CreateParameter();
                value.ParameterName = parameter.ParameterName;
                value.Value = parameter.Value;
                copy.Parameters.Add(value);
            }

            return copy;
        }

        private static async Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken)
        {
            await using var explain = Copy(command, "EXPLAIN QUERY PLAN " + command.CommandText);
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
