using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>
/// One model for both providers. Each provider has its own subclass and migration set
/// ("Migrations with Multiple Providers"), so the SQL each gets is its own:
/// <code>
/// dotnet ef migrations add NAME --project src/MerchantDisputes.Infrastructure --startup-project src/MerchantDisputes.Web \
///     --context SqliteDisputesDbContext --output-dir Migrations/Sqlite
/// dotnet ef migrations add NAME --project src/MerchantDisputes.Infrastructure --startup-project src/MerchantDisputes.Web \
///     --context SqlServerDisputesDbContext --output-dir Migrations/SqlServer
/// dotnet ef migrations script --idempotent --project src/MerchantDisputes.Infrastructure \
///     --startup-project src/MerchantDisputes.Web --context SqlServerDisputesDbContext -o artifacts/sqlserver.sql
/// </code>
/// </summary>
public abstract class DisputesDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, ApplicationRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<Domain.Evidence.EvidenceItem> Evidence => Set<Domain.Evidence.EvidenceItem>();
    public DbSet<Platform> Platforms => Set<Platform>();
    public DbSet<CaseNumberSequence> CaseNumberSequences => Set<CaseNumberSequence>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.OutboxEmail> OutboxEmails => Set<Notifications.OutboxEmail>();
    public DbSet<SignInEvent> SignInEvents => Set<SignInEvent>();
    public DbSet<Calendar.CalendarChange> CalendarChanges => Set<Calendar.CalendarChange>();
    public DbSet<PublicTally> PublicTallies => Set<PublicTally>();

    /// <summary>Saves, and moves the public tallies by the cases' changes in the same transaction (<see cref="PublicTallyUpdates"/>).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var deltas = PublicTallyUpdates.Collect(ChangeTracker);
        if (deltas.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await PublicTallyUpdates.ApplyAsync(this, deltas, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return written;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var deltas = PublicTallyUpdates.Collect(ChangeTracker);
        if (deltas.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var written = base.SaveChanges(acceptAllChangesOnSuccess: false);
        PublicTallyUpdates.Apply(this, deltas);
        own?.Commit();
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return written;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DisputesDbContext).Assembly);
    }
}

/// <summary>The embedded default: a SQLite file under DataDirectory.</summary>
public sealed class SqliteDisputesDbContext(DbContextOptions<SqliteDisputesDbContext> options) : DisputesDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no decimal or date-time-offset type; as integers both compare, order and sum exactly.
        configurationBuilder.Properties<decimal>().HaveConversion<SqliteConverters.DecimalToCents>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<SqliteConverters.InstantToTicks>();
    }
}

/// <summary>Production: SQL Server or Azure SQL.</summary>
public sealed class SqlServerDisputesDbContext(DbContextOptions<SqlServerDisputesDbContext> options) : DisputesDbContext(options);
