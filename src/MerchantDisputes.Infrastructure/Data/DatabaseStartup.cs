using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>What the app does to its database before it serves: migrate SQLite, make sure the roles exist.</summary>
public static partial class DatabaseStartup
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        if (db is SqliteDisputesDbContext)
        {
            await db.Database.MigrateAsync(cancellationToken);

            // WAL lets readers go on while one writer writes; survives in the file once set.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else
        {
            var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            await EnsureSqlServerReadyAsync(db, logger, options.ApplyMigrationsAtStartup, cancellationToken);
        }

        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<ApplicationRole>>());
        await EnsurePublicTalliesAsync(db, cancellationToken);
    }

    /// <summary>A database from before the public tallies gets them computed once from its cases.</summary>
    private static async Task EnsurePublicTalliesAsync(DisputesDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.PublicTallies.AnyAsync(cancellationToken)
            && await db.Disputes.AnyAsync(d => d.SubmittedPeriod != null && d.AssignedMediatorId != null, cancellationToken))
        {
            await PublicTallyUpdates.RebuildAsync(db, cancellationToken);
        }
    }

    /// <summary>SQL Server is migrated by the generated idempotent script (docs/operations.md), never at start-up.</summary>
    private static async Task EnsureSqlServerReadyAsync(DisputesDbContext db, ILogger logger, bool migrate, CancellationToken cancellationToken)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken) && !migrate)
        {
            throw new InvalidOperationException(
                "Cannot reach SQL Server with ConnectionStrings:SqlServer. Check the server name, firewall and credentials.");
        }

        if (migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            var names = string.Join(", ", pending);
            LogPendingMigrations(logger, pending.Count, names);
            throw new InvalidOperationException(
                $"The SQL Server database lacks {pending.Count} migration(s): {names}. Apply the idempotent script first.");
        }
    }

    private static async Task EnsureRolesAsync(RoleManager<ApplicationRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new ApplicationRole(role));
                if (!result.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "SQL Server has {Count} pending migration(s): {Names}")]
    private static partial void LogPendingMigrations(ILogger logger, int count, string names);
}
