using MerchantDisputes.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Persistence;

/// <summary>
/// The SQLite read contexts keep their connections open and each statement compiled: on a real file, a kept statement
/// is compiled once, still reads what was written after it was compiled, and a burst of renters does not leave more
/// than <see cref="ReadContexts.MaxPooled"/> open connections behind.
/// </summary>
public sealed class ReadContextsTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"md-reads-{Guid.NewGuid():N}.db");
    private SqliteDisputesDbContext _writer = null!;
    private ReadContexts _reads = null!;

    public async Task InitializeAsync()
    {
        var connection = $"Data Source={_file};Pooling=True";
        _writer = new SqliteDisputesDbContext(new DbContextOptionsBuilder<SqliteDisputesDbContext>().UseSqlite(connection).Options);
        await _writer.Database.MigrateAsync();
        await _writer.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        _reads = ReadContexts.Sqlite(connection);
    }

    public async Task DisposeAsync()
    {
        _reads.Dispose();
        await _writer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task A_statement_is_compiled_once_and_still_reads_what_was_written_after()
    {
        var before = await NameAsync("taobao");
        var platform = await _writer.Platforms.SingleAsync(p => p.Slug == "taobao");
        platform.Rename("淘宝（改名）", platform.NameEn);
        await _writer.SaveChangesAsync();

        var after = await NameAsync("taobao");
        var other = await NameAsync("aliexpress");

        Assert.NotEqual("淘宝（改名）", before);
        Assert.Equal("淘宝（改名）", after);
        Assert.NotEqual(after, other);
        Assert.Equal(1, _reads.StatementsCompiled);
    }

    [Fact]
    public async Task A_burst_of_readers_leaves_at_most_the_kept_number_of_connections_open()
    {
        var leases = Enumerable.Range(0, ReadContexts.MaxPooled + 4).Select(_ => _reads.Rent(() => _writer)).ToList();
        foreach (var lease in leases)
        {
            Assert.NotEmpty(await lease.Db.Platforms.Select(p => p.Slug).ToListAsync());
        }

        var connections = leases.Select(l => l.Db.Database.GetDbConnection()).ToList();
        leases.ForEach(l => l.Dispose());

        Assert.Equal(ReadContexts.MaxPooled, _reads.Pooled);
        Assert.Equal(ReadContexts.MaxPooled, connections.Count(c => c.State == System.Data.ConnectionState.Open));
    }

    [Fact]
    public async Task A_first_row_read_by_hand_runs_a_kept_statement_and_sees_later_writes()
    {
        const string sql = "SELECT NameZh FROM Platforms WHERE Slug = @slug";
        var before = await FirstNameAsync(sql, "jd");
        var platform = await _writer.Platforms.SingleAsync(p => p.Slug == "jd");
        platform.Rename("京东（改名）", platform.NameEn);
        await _writer.SaveChangesAsync();

        var after = await FirstNameAsync(sql, "jd");
        var none = await FirstNameAsync(sql, "no-such-platform");

        Assert.Equal(("京东", "京东（改名）", null), (before, after, none));
        Assert.Equal(1, _reads.StatementsCompiled);
    }

    private async Task<string?> FirstNameAsync(string sql, string slug)
    {
        using var lease = _reads.Rent(() => _writer);
        return await lease.FirstRowAsync(
            sql, command => command.Parameters.Add(new SqliteParameter("@slug", slug)), row => row.GetString(0), CancellationToken.None);
    }

    private async Task<string?> NameAsync(string slug)
    {
        using var lease = _reads.Rent(() => _writer);
        return await lease.Db.Platforms.Where(p => p.Slug == slug).Select(p => p.NameZh).SingleOrDefaultAsync();
    }
}
