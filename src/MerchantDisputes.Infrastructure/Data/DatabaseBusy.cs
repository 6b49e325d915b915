using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>
/// The database could not take the work now, and nothing of it was written: SQLite still locked after its busy
/// timeout (SQLITE_BUSY, SQLITE_LOCKED), SQL Server's lock timeout, deadlock victim or command timeout. Callers
/// answer 503 with Retry-After instead of 500; the transaction was rolled back, so a retry is safe.
/// </summary>
public static class DatabaseBusy
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqlServerTimeout = -2;
    private const int SqlServerDeadlockVictim = 1205;
    private const int SqlServerLockTimeout = 1222;

    /// <summary>Seconds a client should wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }
                || e is SqlException { Number: SqlServerTimeout or SqlServerDeadlockVictim or SqlServerLockTimeout })
            {
                return true;
            }
        }

        return false;
    }
}
