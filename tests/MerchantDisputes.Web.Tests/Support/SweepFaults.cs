using System.Data.Common;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>The exception <see cref="SweepFaults"/> throws; a test tells it from every real failure.</summary>
public sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
        : base("A fault the test injected.")
    {
    }

    public InjectedFaultException(string message)
        : base(message)
    {
    }

    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Faults in the app's own database work, added as an EF Core interceptor of the app's context: a person's change
/// just before the deadline sweep writes a batch, or a failure on the N-th case a sweep writes. Each fires once.
/// It also counts the role look-ups the app sends.
/// </summary>
public sealed class SweepFaults : DbCommandInterceptor, ISaveChangesInterceptor
{
    private const string CaseUpdate = "UPDATE \"Disputes\"";

    private readonly Lock _gate = new();
    private int _updatesLeft;
    private Func<DbContext, Task>? _beforeEscalationSave;

    /// <summary>How many faults fired.</summary>
    public int Fired { get; private set; }

    /// <summary>How many commands read who holds a role (the notifier's look-ups), since the app started.</summary>
    public int RoleQueries { get; private set; }

    /// <summary>The <paramref name="n"/>-th case written from now on fails, once.</summary>
    public void FailOnCaseUpdate(int n)
    {
        lock (_gate)
        {
            _updatesLeft = n;
        }
    }

    /// <summary>Runs <paramref name="act"/> once, when a save that escalates cases is about to be written.</summary>
    public void BeforeEscalationSave(Func<DbContext, Task> act)
    {
        lock (_gate)
        {
            _beforeEscalationSave = act;
        }
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var context = eventData.Context!;
        Func<DbContext, Task>? act = null;
        lock (_gate)
        {
            if (_beforeEscalationSave is not null && context.ChangeTracker.Entries<TimelineEntry>()
                .Any(e => e.State == EntityState.Added && e.Entity.Kind == "Escalate"))
            {
                (act, _beforeEscalationSave) = (_beforeEscalationSave, null);
                Fired++;
            }
        }

        if (act is not null)
        {
            await act(context);
        }

        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    private void Count(DbCommand command)
    {
        var updates = Occurrences(command.CommandText);
        lock (_gate)
        {
            if (command.CommandText.Contains("\"AspNetUserRoles\"", StringComparison.Ordinal))
            {
                RoleQueries++;
            }

            if (_updatesLeft <= 0 || updates == 0)
            {
                return;
            }

            _updatesLeft -= updates;
            if (_updatesLeft > 0)
            {
                return;
            }

            _updatesLeft = 0;
            Fired++;
        }

        throw new InjectedFaultException();
    }

    private static int Occurrences(string sql)
    {
        var count = 0;
        for (var at = sql.IndexOf(CaseUpdate, StringComparison.Ordinal); at >= 0; at = sql.IndexOf(CaseUpdate, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

/// <summary>The app with <see cref="SweepFaults"/> on its database context; with <c>jobs</c>, a job server sweeping every second.</summary>
public sealed class SweepFaultsAppFactory(bool jobs = false) : DisputesAppFactory
{
    public SweepFaults Faults { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings => jobs
        ?
        [
            new("Hangfire:Mode", "WebAndJobs"),
            new("Hangfire:SchedulePollingInterval", "00:00:01"),
            new("Escalation:SweepCron", "* * * * * *"),
        ]
        : [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<SqliteDisputesDbContext>(options => options.AddInterceptors(Faults)));
    }
}
