using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MerchantDisputes.Infrastructure.Data;

public static class PersistenceExtensions
{
    public const string SqliteConnectionName = "Sqlite";
    public const string SqlServerConnectionName = "SqlServer";

    /// <summary>
    /// Registers <see cref="DisputesDbContext"/> for the configured provider, pooled (a request rents a reset context
    /// instead of building one: tests/perf/http.sh), and data-protection keys in it.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        if (options.Provider == DatabaseProvider.SqlServer)
        {
            var connection = SqlServerConnectionString(configuration, options);
            services.AddDbContextPool<DisputesDbContext, SqlServerDisputesDbContext>(o =>
                o.UseSqlServer(connection, sql => sql.EnableRetryOnFailure()));
            services.AddSingleton(ReadContexts.Shared());
        }
        else
        {
            var connection = SqliteConnectionString(configuration, environment, options);
            services.AddDbContextPool<DisputesDbContext, SqliteDisputesDbContext>(o => o.UseSqlite(connection));
            services.AddSingleton(_ => ReadContexts.Sqlite(connection));
        }

        services.AddDataProtection()
            .SetApplicationName("MerchantDisputes")
            .PersistKeysToDbContext<DisputesDbContext>();
        return services;
    }

    /// <summary>DataDirectory (default "data" under the content root) holds the SQLite file and local evidence.</summary>
    public static string DataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration["DataDirectory"];
        var path = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        return Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
    }

    private static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment, DatabaseOptions options)
    {
        var configured = configuration.GetConnectionString(SqliteConnectionName);
        var builder = new SqliteConnectionStringBuilder(configured);
        if (string.IsNullOrWhiteSpace(configured))
        {
            var directory = DataDirectory(configuration, environment);
            Directory.CreateDirectory(directory);
            builder.DataSource = Path.Combine(directory, "merchantdisputes.db");
        }

        builder.DefaultTimeout = options.SqliteBusyTimeoutSeconds;
        builder.Pooling = true;
        return builder.ToString();
    }

    private static string SqlServerConnectionString(IConfiguration configuration, DatabaseOptions options)
    {
        var configured = configuration.GetConnectionString(SqlServerConnectionName);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                "Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty. Set it, or use Database:Provider=Sqlite.");
        }

        return new SqlConnectionStringBuilder(configured) { ConnectTimeout = options.ConnectTimeoutSeconds }.ToString();
    }
}
