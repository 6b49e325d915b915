using BenchmarkDotNet.Attributes;
using MerchantDisputes.Benchmarks.Images;
using MerchantDisputes.Domain.Escalation;

namespace MerchantDisputes.Benchmarks.Escalation;

/// <summary>
/// What one working-day deadline costs (issue 23: under 1 µs): 7 working days across the National Day holiday and
/// its worked Saturday, and in an ordinary week, on the shipped calendar, and where the sweep's notices may go out.
/// <c>dotnet run -c Release --project tests/MerchantDisputes.Benchmarks -- bdn --filter '*DeadlineBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SanitizerBenchmarks.InProcessShortRun))]
public class DeadlineBenchmarks
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly Window Seven = Window.OfWorkingDays(7);

    private readonly DeadlineClock _clock = DeadlineClock.Default;
    private readonly DateTimeOffset _beforeNationalDay = new(2026, 9, 29, 15, 0, 0, Cst);
    private readonly DateTimeOffset _ordinaryWeek = new(2026, 3, 2, 9, 0, 0, Cst);
    private readonly DateTimeOffset _holidayEvening = new(2026, 9, 30, 20, 0, 0, Cst);

    [Benchmark(Baseline = true)]
    public DateTimeOffset SevenWorkingDaysInAnOrdinaryWeek() => _clock.Due(Seven, _ordinaryWeek);

    [Benchmark]
    public DateTimeOffset SevenWorkingDaysAcrossNationalDay() => _clock.Due(Seven, _beforeNationalDay);

    [Benchmark]
    public DateTimeOffset NextOfficeHoursAfterTheHoliday() => _clock.NextOpen(_holidayEvening);
}
