using System.Diagnostics;
using System.Globalization;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Geography;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Statistics;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Transparency;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Benchmarks.Transparency;

/// <summary>
/// Issue 22 item 4: a year's public statistics over CASES cases, read without any cache. A SQLite file gets the app's
/// migrations and the kept counts (<c>PublicTallies</c>) of CASES generated cases of 2026, each case's keys made by the
/// app's own <see cref="PublicTallies.KeysOf"/> (the cases themselves are not needed by the read and are not written).
/// Then, ROUNDS times each, in one process: the reference (the cheapest public read: the platform list, one small
/// query through the same <see cref="PublicQueries"/>), the year over every platform, the year of the busiest
/// platform and the busiest month's ranking. Prints each median and its ratio to the reference (target: the year
/// under 20 ms).
/// </summary>
public static class PublicStatsBenchmark
{
    private const int Year = 2026;

    public static async Task<int> RunAsync(string workDirectory, int cases, int rounds)
    {
        Directory.CreateDirectory(workDirectory);
        var path = Path.Combine(workDirectory, "public-stats.db");
        var clock = Stopwatch.StartNew();
        var tallies = Generate(cases);
        var generated = clock.Elapsed;
        clock.Restart();
        await CreateAsync(path, tallies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cases: {cases:N0}; counters: {tallies.Count:N0}; generated in {generated.TotalSeconds:F1} s, written in {clock.Elapsed.TotalSeconds:F1} s"));

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var localizers = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var options = new DbContextOptionsBuilder<SqliteDisputesDbContext>().UseSqlite(SweepConnection(path)).Options;
        var busiest = Platform.Seed[0];

        var reference = await TimeAsync(rounds, options, localizers, q => q.PlatformRefsAsync(CancellationToken.None));
        var year = await TimeAsync(rounds, options, localizers, q => q.YearAsync(Year, null, CancellationToken.None));
        var platform = await TimeAsync(rounds, options, localizers, q => q.YearAsync(Year, busiest, CancellationToken.None));
        var month = await TimeAsync(rounds, options, localizers, q => q.RankingAsync(Year, 3, CancellationToken.None));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference (platform list): {reference.Wall:F2} ms median wall, {reference.Cpu:F2} ms CPU a read, {rounds} rounds"));
        Report("year, every platform", year, reference);
        Report($"year, {busiest.Slug}", platform, reference);
        Report("month ranking", month, reference);
        Console.WriteLine(year.Wall < 20 ? "year under 20 ms (wall): yes" : "year under 20 ms (wall): NO");
        return 0;
    }

    private static void Report(string what, (double Wall, double Cpu) time, (double Wall, double Cpu) reference) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {time.Wall:F2} ms median wall, {time.Cpu:F2} ms CPU a read; {time.Wall / reference.Wall:F1} × reference wall, {time.Cpu / reference.Cpu:F1} × reference CPU"));

    /// <summary>
    /// Each round on a fresh context, as a request gets; the first (cold) run is not counted. The median wall time, and
    /// the process's CPU time a read (which a machine shared with other work inflates far less than the wall time).
    /// </summary>
    private static async Task<(double Wall, double Cpu)> TimeAsync<T>(
        int rounds, DbContextOptions<SqliteDisputesDbContext> options, IStringLocalizerFactory localizers, Func<PublicQueries, Task<T>> read)
    {
        var times = new List<double>();
        var cpu = TimeSpan.Zero;
        for (var i = 0; i <= rounds; i++)
        {
            await using var db = new SqliteDisputesDbContext(options);
            var queries = new PublicQueries(db, TimeProvider.System, localizers);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await read(queries);
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            }
        }

        times.Sort();
        return (times[times.Count / 2], cpu.TotalMilliseconds / rounds);
    }

    /// <summary>
    /// CASES counted cases of 2026: platforms skewed (the first twice as likely as the last), every province, type and
    /// gender, amounts over five decades, one in ten in USD; 85 % forwarded, 80 % of those answered after 1 to 240
    /// hours, outcomes and scores spread. Seeded, so every run writes the same counters.
    /// </summary>
    private static Dictionary<TallyKey, int> Generate(int cases)
    {
        var random = new Random(2026);
        var totals = new Dictionary<TallyKey, int>();
        Gender?[] genders = [Gender.Male, Gender.Female, null];
        var ratings = Enum.GetValues<CaseRating>();
        for (var i = 0; i < cases; i++)
        {
            var platform = Platform.Seed[Math.Min(Platform.Seed.Count - 1, (int)(random.NextDouble() * random.NextDouble() * 2 * Platform.Seed.Count))];
            var forwarded = random.Next(100) < 85;
            var answered = forwarded && random.Next(100) < 80;
            var answer = answered ? TimeSpan.FromMinutes(60 + random.Next(239 * 60)) : (TimeSpan?)null;
            var ended = random.Next(100) < 70;
            var facts = new CaseFacts(
                (DisputeType)random.Next(3),
                Provinces.All[random.Next(Provinces.All.Count)].Code,
                genders[random.Next(3)],
                random.Next(10) == 0 ? "USD" : "CNY",
                decimal.Round((decimal)Math.Pow(10, random.NextDouble() * 5), 2),
                forwarded,
                answered,
                answered && random.Next(100) < 60,
                forwarded && ended ? ratings[random.Next(ratings.Length)] : null,
                answered && ended && random.Next(2) == 0,
                answered && ended && random.Next(3) == 0 ? 1 + random.Next(5) : null,
                answer);
            foreach (var key in PublicTallies.KeysOf(Year * 100 + 1 + random.Next(12), platform.Id, facts))
            {
                totals[key] = totals.GetValueOrDefault(key) + 1;
            }
        }

        return totals;
    }

    private static async Task CreateAsync(string path, Dictionary<TallyKey, int> tallies)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }

        await using (var db = new SqliteDisputesDbContext(new DbContextOptionsBuilder<SqliteDisputesDbContext>().UseSqlite(SweepConnection(path)).Options))
        {
            await db.Database.MigrateAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(SweepConnection(path) + ";Pooling=False");
        await connection.OpenAsync();
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO PublicTallies (Period, PlatformId, Dimension, Key, Count) VALUES ($p, $f, $d, $k, $c)";
            var period = insert.Parameters.Add("$p", SqliteType.Integer);
            var platform = insert.Parameters.Add("$f", SqliteType.Integer);
            var dimension = insert.Parameters.Add("$d", SqliteType.Integer);
            var key = insert.Parameters.Add("$k", SqliteType.Text);
            var count = insert.Parameters.Add("$c", SqliteType.Integer);
            foreach (var (k, c) in tallies)
            {
                (period.Value, platform.Value, dimension.Value, key.Value, count.Value) = (k.Period, k.PlatformId, (int)k.Dimension, k.Key, c);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        await wal.ExecuteNonQueryAsync();
    }

    private static string SweepConnection(string path) => Sweep.SweepDatabase.ConnectionString(path);
}
