using Microsoft.Data.Sqlite;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>
/// SQLite's write lock, held from a connection of the test's own (BEGIN IMMEDIATE, as a second process would) until
/// disposed. Linked into the E2E tests as well.
/// </summary>
public sealed class SqliteWriteLock : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteWriteLock(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteWriteLock> TakeAsync(string databaseFile)
    {
        var connection = await OpenAsync(databaseFile);
        try
        {
            await ExecuteAsync(connection, "BEGIN IMMEDIATE;");
            return new SqliteWriteLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection of its own (not pooled) that closes without the checkpoint the last connection to a WAL database
    /// normally makes: a test never tidies up the WAL that an app it killed leaves for the next start.
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string databaseFile)
    {
        var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        if (SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _) != SQLitePCL.raw.SQLITE_OK)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException("SQLite refused SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE.");
        }

        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync(_connection, "ROLLBACK;");
        await _connection.DisposeAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
