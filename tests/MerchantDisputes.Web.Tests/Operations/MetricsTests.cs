using System.Diagnostics.Metrics;
using System.Net;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Features.Jobs;
using MerchantDisputes.Web.Infrastructure;
using MerchantDisputes.Web.Tests.Support;
using MerchantDisputes.Web.Tests.Workflow.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace MerchantDisputes.Web.Tests.Operations;

/// <summary>The "MerchantDisputes" meter, heard through the app's own meter factory (so parallel apps never mix).</summary>
public sealed class MetricsTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    [Fact]
    public async Task Filing_a_dispute_counts_one_case_of_its_type()
    {
        using var filed = Collect<long>(app, DisputeMetrics.CasesFiled);

        await Session.CreateAsync(app.Cast.Owner.Api, ADispute.RefundOnly(WorkflowApp.Platform));

        var measurement = Assert.Single(filed.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("RefundOnly", measurement.Tags["type"]);
    }

    [Fact]
    public async Task An_upload_counts_the_bytes_of_its_three_blobs_once_even_when_sent_twice()
    {
        var id = (await Session.CreateAsync(app.Cast.Owner.Api, ADispute.RefundOnly(WorkflowApp.Platform))).GetProperty("id").GetString()!;
        var screenshot = Uploads.Screenshot(seed: 7001);
        using var bytes = Collect<long>(app, DisputeMetrics.EvidenceBytes);

        await Uploads.UploadOkAsync(app.Cast.Owner.Api, id, screenshot);
        await Uploads.UploadOkAsync(app.Cast.Owner.Api, id, screenshot);

        var byContainer = bytes.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["container"]!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["original", "sanitized", "thumbnail"], byContainer.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(screenshot.Length, Assert.Single(byContainer["original"]).Value);
        Assert.True(Assert.Single(byContainer["sanitized"]).Value > 0);
        Assert.True(Assert.Single(byContainer["thumbnail"]).Value > 0);
    }

    [Fact]
    public async Task A_rejected_upload_counts_no_bytes()
    {
        var id = (await Session.CreateAsync(app.Cast.Owner.Api, ADispute.RefundOnly(WorkflowApp.Platform))).GetProperty("id").GetString()!;
        using var bytes = Collect<long>(app, DisputeMetrics.EvidenceBytes);

        var response = await Uploads.UploadAsync(app.Cast.Owner.Api, id, "not an image"u8.ToArray());

        Assert.False(response.IsSuccessStatusCode);
        Assert.Empty(bytes.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_platform_answer_counts_its_outcome_and_level_and_a_refused_second_answer_counts_nothing()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform);
        using var answers = Collect<long>(app, DisputeMetrics.PlatformAnswers);

        var first = await app.Cast.Agent.Api.PostAsync($"/api/v1/disputes/{id}/platform-response", new { outcome = "PartiallyReversed", message = "部分退还。" });
        var second = await app.Cast.Agent.Api.PostAsync($"/api/v1/disputes/{id}/platform-response", new { outcome = "Upheld", message = "维持。" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var answer = Assert.Single(answers.GetMeasurementSnapshot());
        Assert.Equal("PartiallyReversed", answer.Tags["outcome"]);
        Assert.Equal("None", answer.Tags["escalation_level"]);
    }

    internal static MetricCollector<T> Collect<T>(DisputesAppFactory app, string instrument)
        where T : struct =>
        new(app.Services.GetRequiredService<IMeterFactory>(), DisputeMetrics.MeterName, instrument);
}

/// <summary>The sweep's instruments, on an app of its own because the test moves the clock by weeks.</summary>
public sealed class SweepMetricsTests : IDisposable
{
    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Each_escalation_step_is_counted_by_the_step_reached_and_every_sweep_is_timed()
    {
        var windows = CaseWindows.Default;
        var seed = new CaseSeeder(_app);
        await seed.AwaitingPlatformAsync(await seed.MerchantAsync(), windows);
        using var escalations = MetricsTests.Collect<long>(_app, DisputeMetrics.Escalations);
        using var durations = MetricsTests.Collect<double>(_app, DisputeMetrics.SweepDuration);
        var sweep = _app.Services.GetRequiredService<DeadlineSweep>();

        await sweep.RunAsync(CancellationToken.None);
        foreach (var window in new[] { windows.PlatformResponse, windows.Reminder, windows.LegalReview, windows.FinalNotice })
        {
            _app.Clock.AdvanceTo(window);
            await sweep.RunAsync(CancellationToken.None);
        }

        Assert.Equal(
            ["Reminded", "LegalReview", "FinalNotice", "PublicNoResponse"],
            escalations.GetMeasurementSnapshot().Select(m => (string)m.Tags["step"]!));
        Assert.All(escalations.GetMeasurementSnapshot(), m => Assert.Equal(1, m.Value));
        Assert.Equal(5, durations.GetMeasurementSnapshot().Count);
        Assert.All(durations.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }
}
