using MerchantDisputes.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace MerchantDisputes.Infrastructure.Tests.Data;

/// <summary>
/// <see cref="SqliteCommitWatch"/> on a real SQLite file. The writes go through connections of their own, unpooled, so
/// they reach the WAL index through SQLite's own mapping of it while the watch reads its separate one: the same
/// shared pages another process would write.
/// </summary>
public sealed class SqliteCommitWatchTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "md-commits-" + Guid.NewGuid().ToString("N"));
    private readonly string connectionString;

    public SqliteCommitWatchTests()
    {
        Directory.CreateDirectory(folder);
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "watched.db"), Pooling = false }.ToString();
        Run("PRAGMA journal_mode=WAL;", "CREATE TABLE Cases (Id INTEGER PRIMARY KEY, Title TEXT NOT NULL);", "INSERT INTO Cases (Title) VALUES ('one');");
    }

    [Fact]
    public void The_mark_stays_the_same_while_the_database_is_only_read()
    {
        using var watch = Watch();
        var before = watch.Current();

        Assert.Equal(1L, Scalar("SELECT count(*) FROM Cases;"));
        Assert.Equal("one", Scalar("SELECT Title FROM Cases WHERE Id = 1;"));

        Assert.NotNull(before);
        Assert.Same(before, watch.Current());
    }

    [Fact]
    public void A_commit_through_another_connection_makes_a_later_mark()
    {
        using var watch = Watch();
        var before = watch.Current();

        Run("UPDATE Cases SET Title = 'two' WHERE Id = 1;");
        var after = watch.Current();

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.NotSame(before, after);
        Assert.Same(after, watch.Current());
    }

    [Fact]
    public void Readers_that_see_a_new_commit_at_once_all_get_one_mark()
    {
        using var watch = Watch();
        for (var round = 0; round < 20; round++)
        {
            Run($"INSERT INTO Cases (Title) VALUES ('round {round}');");
            var marks = new CommitMark?[8];
            using var start = new Barrier(marks.Length);
            var readers = Enumerable.Range(0, marks.Length).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                marks[i] = watch.Current();
            })).ToList();
            readers.ForEach(reader => reader.Start());
            readers.ForEach(reader => reader.Join());

            Assert.Single(marks.Distinct(ReferenceEqualityComparer.Instance));
            Assert.Same(marks[0], watch.Current());
        }
    }

    [Fact]
    public void A_transaction_rolled_back_leaves_the_mark()
    {
        using var watch = Watch();
        var before = watch.Current();

        using (var connection = Open())
        using (var transaction = connection.BeginTransaction())
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO Cases (Title) VALUES ('never');";
            command.ExecuteNonQuery();
            transaction.Rollback();
        }

        Assert.Same(before, watch.Current());
    }

    [Fact]
    public void A_commit_after_a_checkpoint_has_emptied_the_log_makes_a_new_mark()
    {
        using var watch = Watch();
        Run("INSERT INTO Cases (Title) VALUES ('two');");
        Run("PRAGMA wal_checkpoint(TRUNCATE);");
        var checkpointed = watch.Current();

        Run("INSERT INTO Cases (Title) VALUES ('three');");

        Assert.NotNull(checkpointed);
        Assert.NotSame(checkpointed, watch.Current());
    }

    [Fact]
    public void Every_commit_of_many_makes_a_new_mark()
    {
        using var watch = Watch();
        var seen = new HashSet<CommitMark>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 50; i++)
        {
            Run($"INSERT INTO Cases (Title) VALUES ('case {i}');");
            Assert.True(seen.Add(watch.Current()!), $"commit {i} kept an earlier mark");
        }
    }

    [Fact]
    public void A_database_not_in_wal_mode_is_not_watched()
    {
        Run("PRAGMA journal_mode=DELETE;");

        Assert.Null(SqliteCommitWatch.Open(connectionString));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    private SqliteCommitWatch Watch() => SqliteCommitWatch.Open(connectionString) ?? throw new InvalidOperationException("not in WAL mode");

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private void Run(params string[] statements)
    {
        using var connection = Open();
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    private object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
