using System.ComponentModel.DataAnnotations;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Notifications;
using MerchantDisputes.Web.Features.Escalation;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Jobs;

public enum JobStorage
{
    InMemory,
    SqlServer,
}

public enum InstanceMode
{
    /// <summary>Serves pages and API and runs a job server (the default).</summary>
    WebAndJobs,

    /// <summary>Serves pages and API; jobs run elsewhere.</summary>
    WebOnly,

    /// <summary>Runs jobs only; answers nothing but the health endpoints.</summary>
    JobsOnly,
}

/// <summary>Section "Hangfire".</summary>
public sealed class HangfireOptions
{
    public const string SectionName = "Hangfire";

    public JobStorage Storage { get; set; } = JobStorage.InMemory;

    public InstanceMode Mode { get; set; } = InstanceMode.WebAndJobs;

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often a server looks for recurring and scheduled jobs that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    public string OutboxCron { get; set; } = "* * * * *";

    /// <summary>The evidence orphan sweep's schedule: hourly, at minute 0 (Hangfire's <c>Cron.Hourly()</c>).</summary>
    public string OrphanCron { get; set; } = "0 * * * *";

    /// <summary>
    /// How old an unnamed blob must be before the orphan sweep removes it: younger ones may belong to an upload
    /// still in flight. Lower it only where no upload can be running (a test after a restart).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromHours(1);
}

public static class JobsExtensions
{
    public const string SweepJobId = "deadline-sweep";
    public const string OutboxJobId = "email-outbox";
    public const string OrphanJobId = "evidence-orphans";
    public const string RetentionJobId = "privacy-retention";

    public static void AddJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Options(builder.Configuration);
        builder.Services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<OutboxJob>();
        builder.Services.AddSingleton<EvidenceOrphanSweep>();
        builder.Services.AddOptions<Privacy.PrivacyOptions>().BindConfiguration(Privacy.PrivacyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (options.Storage == JobStorage.SqlServer)
            {
                config.UseSqlServerStorage(builder.Configuration.GetConnectionString("SqlServer"), new SqlServerStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                });
            }
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
            }
        });

        if (options.Mode != InstanceMode.WebOnly)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.WorkerCount;
                o.SchedulePollingInterval = options.SchedulePollingInterval;
            });
        }
    }

    /// <summary>Registers the recurring jobs (idempotent; every instance may call it) and the admin-only dashboard.</summary>
    public static void MapJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var escalation = app.Services.GetRequiredService<IOptions<EscalationOptions>>().Value;
        var hangfire = app.Services.GetRequiredService<IOptions<HangfireOptions>>().Value;
        jobs.AddOrUpdate<DeadlineSweep>(SweepJobId, s => s.RunAsync(CancellationToken.None), escalation.SweepCron);
        jobs.AddOrUpdate<OutboxJob>(OutboxJobId, j => j.RunAsync(CancellationToken.None), hangfire.OutboxCron);
        jobs.AddOrUpdate<EvidenceOrphanSweep>(OrphanJobId, j => j.RunAsync(CancellationToken.None), hangfire.OrphanCron);
        var privacy = app.Services.GetRequiredService<IOptions<Privacy.PrivacyOptions>>().Value;
        jobs.AddOrUpdate<RetentionJob>(RetentionJobId, j => j.RunAsync(CancellationToken.None), privacy.RetentionCron);
        if (hangfire.Mode == InstanceMode.JobsOnly)
        {
            return;
        }

        // Nobody but an admin learns the dashboard exists.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase), gate => gate.Use(async (context, next) =>
        {
            if (!context.User.IsInRole(Roles.Admin))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }));
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });
    }

    public static bool IsJobsOnly(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Options(app.Configuration).Mode == InstanceMode.JobsOnly;
    }

    public static HangfireOptions Options(IConfiguration configuration) =>
        configuration.GetSection(HangfireOptions.SectionName).Get<HangfireOptions>() ?? new HangfireOptions();

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}

/// <summary>The recurring job that sends the email outbox.</summary>
public sealed class OutboxJob(OutboxDispatcher dispatcher)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => dispatcher.DispatchAsync(cancellationToken);
}
