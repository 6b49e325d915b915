using BenchmarkDotNet.Running;
using MerchantDisputes.Benchmarks.Http;
using MerchantDisputes.Benchmarks.Images;
using MerchantDisputes.Benchmarks.Sweep;

namespace MerchantDisputes.Benchmarks;

/// <summary>
/// Entry point of the benchmarks. tests/perf/image-pipeline.sh calls "images", tests/perf/sweep.sh "sweep" and tests/perf/http.sh "http-seed", "filing" and "codings", in
/// Release; "bdn" hands the rest of the command line to BenchmarkDotNet for the in-process micro-benchmarks (for
/// example <c>bdn --filter '*Sanitizer*'</c>).
/// <code>
/// images CORPUS_DIR WORK_DIR SCREENSHOTS LONG PHOTOS   generate the corpus if missing; time ours, libvips, ImageMagick
/// images-ours OUT_DIR                                 (child process) our pipeline: file paths in, one JSON line each out
/// sweep WORK_DIR OPEN DUE ROUNDS                       the deadline sweep: DUE among DUE against DUE among OPEN
/// http-seed DB CASES IDS_FILE                          tests/perf/http.sh's database: CASES cases with timeline and evidence rows
/// filing BASE_URL TOKEN COUNT                          tests/perf/http.sh's filing time: draft + 3 screenshots + submit, COUNT times
/// load BASE_URL MERCHANTS SECONDS                    tests/perf/load.sh: merchants filing at once, then every accepted case read back
/// codings URL...                                      tests/perf/http.sh: each public answer's size and time per compression setting
/// public-stats WORK_DIR CASES ROUNDS                   tests/perf/public-stats.sh: a year's statistics from CASES cases' kept counts, uncached
/// bdn ARGS...                                          BenchmarkDotNet
/// </code>
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "images" when args.Length == 6:
                return await ImagePipelineBenchmark.RunAsync(
                    args[1], args[2], new CorpusCounts(Int(args[3]), Int(args[4]), Int(args[5])));
            case "images-ours" when args.Length == 2:
                return await OurPipelineRun.RunAsync(args[1]);
            case "sweep" when args.Length == 5:
                return await SweepBenchmark.RunAsync(args[1], Int(args[2]), Int(args[3]), Int(args[4]));
            case "http-seed" when args.Length == 4:
                return await HttpSeed.RunAsync(args[1], Int(args[2]), args[3]);
            case "filing" when args.Length == 4:
                return await FilingRun.RunAsync(args[1], args[2], Int(args[3]));
            case "load" when args.Length == 4:
                return await LoadRun.RunAsync(args[1], Int(args[2]), Int(args[3]));
            case "codings" when args.Length > 1:
                return await CodingsRun.RunAsync(args[1..]);
            case "public-stats" when args.Length == 4:
                return await Transparency.PublicStatsBenchmark.RunAsync(args[1], Int(args[2]), Int(args[3]));
            case "bdn":
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args[1..]);
                return 0;
            default:
                await Console.Error.WriteLineAsync(
                    "usage: images CORPUS WORK SCREENSHOTS LONG PHOTOS | images-ours OUT | sweep WORK OPEN DUE ROUNDS | http-seed DB CASES IDS | filing URL TOKEN COUNT | load URL MERCHANTS SECONDS | codings URL... | public-stats WORK CASES ROUNDS | bdn ARGS");
                return 2;
        }
    }

    private static int Int(string value) => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
