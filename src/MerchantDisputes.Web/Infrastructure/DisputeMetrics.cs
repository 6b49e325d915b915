using System.Diagnostics;
using System.Diagnostics.Metrics;
using MerchantDisputes.Domain.Disputes;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>
/// The channel's own instruments, on the meter "MerchantDisputes" (exported over OTLP when configured; see
/// docs/operations.md). Tags have few values each (type, container, step, outcome), never a case or a user.
/// Recorded after the change is saved, so a rolled-back request counts nothing.
/// </summary>
public sealed class DisputeMetrics
{
    public const string MeterName = "MerchantDisputes";

    public const string CasesFiled = "merchantdisputes.cases.filed";
    public const string EvidenceBytes = "merchantdisputes.evidence.stored_bytes";
    public const string Escalations = "merchantdisputes.escalations";
    public const string PlatformAnswers = "merchantdisputes.platform.answers";
    public const string SweepDuration = "merchantdisputes.deadline_sweep.duration";

    private readonly Counter<long> _filed;
    private readonly Counter<long> _evidenceBytes;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _answers;
    private readonly Histogram<double> _sweepDuration;

    public DisputeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _filed = meter.CreateCounter<long>(CasesFiled, "{case}", "Disputes filed (drafts created), by type.");
        _evidenceBytes = meter.CreateCounter<long>(EvidenceBytes, "By", "Bytes written to the evidence store, by container (original, sanitized, thumbnail).");
        _escalations = meter.CreateCounter<long>(Escalations, "{escalation}", "Escalation steps taken by the deadline sweep, by step reached.");
        _answers = meter.CreateCounter<long>(PlatformAnswers, "{answer}", "Platform answers, by outcome and by the escalation level the case had reached.");
        _sweepDuration = meter.CreateHistogram(SweepDuration, "s", "How long one run of the deadline sweep took.", tags: null, new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
        });
    }

    public void CaseFiled(DisputeType type) => _filed.Add(1, new KeyValuePair<string, object?>("type", type.ToString()));

    /// <summary>The three blobs of one upload, once its row is saved.</summary>
    public void EvidenceStored(long originalBytes, long sanitizedBytes, long thumbnailBytes)
    {
        _evidenceBytes.Add(originalBytes, new KeyValuePair<string, object?>("container", "original"));
        _evidenceBytes.Add(sanitizedBytes, new KeyValuePair<string, object?>("container", "sanitized"));
        _evidenceBytes.Add(thumbnailBytes, new KeyValuePair<string, object?>("container", "thumbnail"));
    }

    public void Escalated(EscalationLevel reached) => _escalations.Add(1, new KeyValuePair<string, object?>("step", reached.ToString()));

    /// <summary><paramref name="levelAtAnswer"/> None means the platform answered before its first deadline.</summary>
    public void PlatformAnswered(PlatformOutcome outcome, EscalationLevel levelAtAnswer) => _answers.Add(
        1, new KeyValuePair<string, object?>("outcome", outcome.ToString()), new KeyValuePair<string, object?>("escalation_level", levelAtAnswer.ToString()));

    /// <summary>Times one sweep on the given clock: <c>using var _ = metrics.TimeSweep(clock);</c></summary>
    public SweepTiming TimeSweep(TimeProvider clock) => new(_sweepDuration, clock);
}

/// <summary>Records the time from its creation to its disposal, in seconds, on the clock given.</summary>
public sealed class SweepTiming : IDisposable
{
    private readonly Histogram<double> _histogram;
    private readonly TimeProvider _clock;
    private readonly long _started;

    internal SweepTiming(Histogram<double> histogram, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _histogram = histogram;
        _clock = clock;
        _started = clock.GetTimestamp();
    }

    public void Dispose() => _histogram.Record(_clock.GetElapsedTime(_started).TotalSeconds);
}

/// <summary>The activity source for spans the app starts itself (one per Hangfire job run).</summary>
public static class DisputeTracing
{
    public const string SourceName = "MerchantDisputes";

    public static ActivitySource Source { get; } = new(SourceName);
}
