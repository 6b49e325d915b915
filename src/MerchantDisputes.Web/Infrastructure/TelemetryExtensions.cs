using System.Diagnostics;
using Hangfire;
using Hangfire.Server;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Features.Jobs;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>Section "Telemetry" (and the standard OTEL_* variables).</summary>
public static class TelemetryExtensions
{
    public const string OtlpEndpointKey = "Telemetry:OtlpEndpoint";
    public const string StandardOtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string JsonLogsKey = "Logging:Json";

    /// <summary>
    /// The app's instruments always (they cost nothing unheard); JSON console logs when Logging:Json is true;
    /// traces, metrics and logs over OTLP only when an endpoint is configured, so a plain `dotnet run` exports nothing.
    /// </summary>
    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<DisputeMetrics>();

        if (builder.Configuration.GetValue<bool>(JsonLogsKey))
        {
            // One JSON object per line, for a log collector; scopes carry the request and trace ids.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        if (!IsOtlpConfigured(builder.Configuration))
        {
            return;
        }

        var mode = JobsExtensions.Options(builder.Configuration).Mode;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "merchantdisputes", serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("merchantdisputes.instance.mode", mode.ToString())]))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(DisputeTracing.SourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime")
                .AddMeter(DisputeMetrics.MeterName));

        // Telemetry:OtlpEndpoint names the collector in appsettings; otherwise the exporter reads OTEL_EXPORTER_OTLP_*.
        var endpoint = builder.Configuration[OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            otel.UseOtlpExporter();
        }
        else
        {
            var protocol = string.Equals(builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, new Uri(endpoint));
        }

        JobTracingFilter.Register();
    }

    public static bool IsOtlpConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]) || !string.IsNullOrWhiteSpace(configuration[StandardOtlpEndpointKey]);
    }
}

/// <summary>
/// One span per Hangfire job run ("hangfire.job DeadlineSweep.RunAsync"), so the database calls of a sweep have a parent.
/// Hangfire's filters are global; the filter is stateless and added once per process.
/// </summary>
internal sealed class JobTracingFilter : IServerFilter
{
    private const string ActivityKey = "MerchantDisputes.Activity";
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            GlobalJobFilters.Filters.Add(new JobTracingFilter());
        }
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var activity = DisputeTracing.Source.StartActivity($"hangfire.job {job.Type.Name}.{job.Method.Name}", ActivityKind.Internal);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        activity.SetTag("hangfire.job.type", job.Type.FullName);
        context.Items[ActivityKey] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(ActivityKey, out var value) || value is not Activity activity)
        {
            return;
        }

        if (context.Exception is { } exception && !context.ExceptionHandled)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetBaseException().Message);
            activity.AddException(exception);
        }

        activity.Dispose();
    }
}
