using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Benchmarks.Images;

/// <summary>
/// BenchmarkDotNet view of the sanitizer alone, one generated image per kind, in memory (no disk, no other tool):
/// for a developer changing the pipeline who wants mean, deviation and allocations per call.
/// <c>dotnet run -c Release --project tests/MerchantDisputes.Benchmarks -- bdn --filter '*SanitizerBenchmarks*'</c>.
/// The comparison with libvips and ImageMagick is tests/perf/image-pipeline.sh. In process, so that it runs with
/// this project's settings (server GC, as the app) and without generating and building a project of its own.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class SanitizerBenchmarks
{
    private IImageSanitizer _sanitizer = null!;
    private byte[] _bytes = [];

    [Params(CorpusKind.Screenshot, CorpusKind.LongScreenshot, CorpusKind.Photo)]
    public CorpusKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sanitizer = new ServiceCollection()
            .AddImageSanitizer(new ConfigurationBuilder().Build())
            .BuildServiceProvider()
            .GetRequiredService<IImageSanitizer>();
        var directory = Path.Combine(Path.GetTempPath(), "merchantdisputes-bdn-corpus");
        Corpus.Ensure(directory, new CorpusCounts(1, 1, 1));
        _bytes = File.ReadAllBytes(Corpus.Files(directory, Kind, 1)[0]);
    }

    [Benchmark]
    public async Task<long> Sanitize()
    {
        using var input = new MemoryStream(_bytes, writable: false);
        var image = await _sanitizer.SanitizeAsync(input);
        return image.Content.Length + image.Thumbnail.Length;
    }

    public sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
