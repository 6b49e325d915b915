using System.Diagnostics;
using System.Net;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Server;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Features.Jobs;
using MerchantDisputes.Web.Infrastructure;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MerchantDisputes.Web.Tests.Operations;

public sealed class TelemetryTests
{
    [Fact]
    public void Without_an_otlp_endpoint_nothing_is_exported_and_logs_are_plain_text()
    {
        using var app = new DisputesAppFactory();
        _ = app.Server;

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.NotEqual(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public async Task An_otlp_endpoint_turns_on_traces_and_metrics_and_the_app_still_answers(string key)
    {
        // A closed port on this machine: the exporter's failures must never reach a request.
        using var app = new ConfiguredApp([new(key, "http://127.0.0.1:9"), new("Logging:Json", "true")]);

        var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    private sealed class ConfiguredApp(IEnumerable<KeyValuePair<string, string>> settings) : DisputesAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => settings;
    }
}

/// <summary>Hangfire keeps process-wide logging bound to the last app that started; run alone, with logging off.</summary>
[Collection(nameof(MerchantDisputes.Web.Tests.Jobs.JobServers))]
public sealed class JobTracingTests
{
    [Fact]
    public void A_job_run_is_one_span_named_after_the_job_and_marked_failed_when_the_job_throws()
    {
        var jobId = Guid.NewGuid().ToString("N");
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DisputeTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new QuietHangfireLog());
        using var storage = new InMemoryStorage();
        using var connection = storage.GetConnection();
        var job = new BackgroundJob(jobId, Job.FromExpression<DeadlineSweep>(s => s.RunAsync(CancellationToken.None)), DateTime.UtcNow);
        var perform = new PerformContext(storage, connection, job, new JobCancellationToken(false));
        var filter = new JobTracingFilter();

        filter.OnPerforming(new PerformingContext(perform));
        filter.OnPerformed(new PerformedContext(perform, null, false, new InvalidOperationException("the database went away")));

        var span = Assert.Single(stopped, a => Equals(a.GetTagItem("hangfire.job.id"), jobId));
        Assert.Equal("hangfire.job DeadlineSweep.RunAsync", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }
}

/// <summary>Hangfire logging that writes nothing, so a disposed app's logger factory is never touched.</summary>
internal sealed class QuietHangfireLog : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
{
    public Hangfire.Logging.ILog GetLogger(string name) => this;

    public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
}
