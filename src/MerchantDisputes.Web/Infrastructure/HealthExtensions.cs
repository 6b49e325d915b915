using Hangfire.Storage;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MerchantDisputes.Web.Infrastructure;

public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddEvidenceStoreCheck("evidence-store", [ReadyTag])
            .AddPdfCheck("pdf", [ReadyTag])
            .AddCheck<JobStorageHealthCheck>("job-storage", tags: [ReadyTag])
            .AddCheck<Features.Calendar.CalendarHealthCheck>("working-day-calendar", tags: [ReadyTag]);
    }

    /// <summary>/health/live says the process answers; /health/ready also checks what it depends on.</summary>
    public static void MapHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
    }

    /// <summary>Each check's state by name (never exception details), so an operator sees what is down.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        });
    }
}

internal sealed class DatabaseHealthCheck(DisputesDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

/// <summary>The job storage answers (in memory it always does; on SQL Server it needs the database).</summary>
internal sealed class JobStorageHealthCheck(Hangfire.JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = storage.GetConnection();
            _ = connection.GetRecurringJobs();
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage does not answer.", ex));
        }
    }
}
