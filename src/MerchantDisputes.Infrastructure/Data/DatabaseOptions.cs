using System.ComponentModel.DataAnnotations;

namespace MerchantDisputes.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Section "Database". The connection strings live under ConnectionStrings.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// SQL Server only: apply pending migrations at start-up (EF Core takes a database lock, so several instances
    /// may start at once). Off by default: production applies the reviewed idempotent script instead.
    /// </summary>
    public bool ApplyMigrationsAtStartup { get; set; }

    /// <summary>Seconds a SQLite writer waits for a lock before giving up.</summary>
    [Range(1, 600)]
    public int SqliteBusyTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds to wait for SQL Server to accept a connection at start-up before failing.</summary>
    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 15;
}
