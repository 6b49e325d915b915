using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MerchantDisputes.Benchmarks.Images;

/// <summary>
/// Sanitize + thumbnail over the generated corpus with our pipeline, libvips and ImageMagick, in one run, one
/// image at a time (each tool may use both cores), and prints images per second, peak memory and our ratio to
/// libvips. What each tool is asked to do is in <see cref="ExternalTool"/> and docs/performance.md.
/// </summary>
public static class ImagePipelineBenchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string corpusDirectory, string workDirectory, CorpusCounts counts)
    {
        corpusDirectory = Path.GetFullPath(corpusDirectory);
        workDirectory = Path.GetFullPath(workDirectory);
        var clock = Stopwatch.StartNew();
        Corpus.Ensure(corpusDirectory, counts);
        Console.WriteLine($"corpus ready in {clock.Elapsed.TotalSeconds:F1} s: {corpusDirectory}");
        foreach (var kind in Enum.GetValues<CorpusKind>())
        {
            var files = Corpus.Files(corpusDirectory, kind, counts.For(kind));
            Console.WriteLine($"  {kind}: {files.Count} files, {files.Average(f => new FileInfo(f).Length) / 1024 / 1024:F2} MiB on average");
        }

        if (Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        Directory.CreateDirectory(workDirectory);
        var tools = ExternalTool.All(workDirectory);
        var rows = new List<Row>();
        foreach (var kind in Enum.GetValues<CorpusKind>())
        {
            var files = Corpus.Files(corpusDirectory, kind, counts.For(kind));
            rows.Add(await RunOursAsync(corpusDirectory, kind, files.Count, workDirectory));
            foreach (var tool in tools)
            {
                rows.Add(await RunToolAsync(tool, kind, files, workDirectory));
            }
        }

        var table = Table(rows);
        Console.WriteLine();
        Console.WriteLine(table);
        await File.WriteAllTextAsync(Path.Combine(workDirectory, "image-pipeline.md"), table);
        Console.WriteLine($"total {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private static async Task<Row> RunOursAsync(string corpusDirectory, CorpusKind kind, int count, string workDirectory)
    {
        var output = Path.Combine(workDirectory, $"ours-{kind}");
        var self = SelfCommand();
        string[] command = [.. self, "images-ours", corpusDirectory, kind.ToString(), count.ToString(Invariant), output];
        var (stdout, peakKiB) = await TimedProcess.RunAsync(command, workDirectory, environment: null);
        var result = JsonSerializer.Deserialize<OurRunResult>(stdout.Trim().Split('\n')[^1])
            ?? throw new InvalidOperationException("The child printed no result.");
        Console.WriteLine($"{kind,-10} ours        {result.Images} images in {result.Seconds:F2} s");
        return new Row(kind, "ours (ImageSharp 2.1.13)", result.Images, result.Seconds, peakKiB, OutputSizes(output, result.Images))
        {
            AllocatedPerImage = (double)result.AllocatedBytes / result.Images,
            PeakWorkingSet = result.PeakWorkingSetBytes,
        };
    }

    private static async Task<Row> RunToolAsync(ExternalTool tool, CorpusKind kind, IReadOnlyList<string> files, string workDirectory)
    {
        var output = Path.Combine(workDirectory, $"{tool.Key}-{kind}");
        Directory.CreateDirectory(output);

        // Warm-up, as for ours: the first file once, untimed (shared libraries and the file into the page cache).
        foreach (var command in tool.Commands(files[0], output, kind))
        {
            await TimedProcess.RunAsync(command, workDirectory, tool.Environment);
        }

        long peakKiB = 0;
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            foreach (var command in tool.Commands(file, output, kind))
            {
                var (_, kib) = await TimedProcess.RunAsync(command, workDirectory, tool.Environment);
                peakKiB = Math.Max(peakKiB, kib);
            }
        }

        clock.Stop();
        Console.WriteLine($"{kind,-10} {tool.Key,-11} {files.Count} images in {clock.Elapsed.TotalSeconds:F2} s");
        return new Row(kind, tool.Name, files.Count, clock.Elapsed.TotalSeconds, peakKiB, OutputSizes(output, files.Count));
    }

    /// <summary>How to start this program again: the apphost, or "dotnet X.dll".</summary>
    private static string[] SelfCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [host, typeof(ImagePipelineBenchmark).Assembly.Location]
            : [host];
    }

    private static (double ContentKiB, double ThumbnailKiB) OutputSizes(string directory, int images)
    {
        var files = new DirectoryInfo(directory).GetFiles();
        var thumbnails = files.Where(f => f.Name.Contains("-thumb", StringComparison.Ordinal)).Sum(f => f.Length);
        var content = files.Sum(f => f.Length) - thumbnails;
        return (content / 1024.0 / images, thumbnails / 1024.0 / images);
    }

    private static string Table(List<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| corpus | tool | images | seconds | images/s | ratio to libvips (images/s) | peak RSS MiB | ratio to libvips (RSS) | content KiB/img | thumb KiB/img | allocated MiB/img | PeakWorkingSet64 MiB |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            var vips = rows.Single(r => r.Kind == row.Kind && r.Tool.StartsWith("libvips", StringComparison.Ordinal));
            text.Append(CultureInfo.InvariantCulture,
                $"| {row.Kind} | {row.Tool} | {row.Images} | {row.Seconds:F2} | {row.PerSecond:F2} | {row.PerSecond / vips.PerSecond:F2} | ");
            text.Append(CultureInfo.InvariantCulture,
                $"{row.PeakKiB / 1024.0:F0} | {(double)row.PeakKiB / vips.PeakKiB:F2} | {row.Sizes.ContentKiB:F0} | {row.Sizes.ThumbnailKiB:F1} | ");
            text.AppendLine(row.AllocatedPerImage is { } allocated
                ? string.Create(CultureInfo.InvariantCulture, $"{allocated / 1024 / 1024:F1} | {row.PeakWorkingSet / 1024.0 / 1024:F0} |")
                : "– | – |");
        }

        return text.ToString();
    }

    private sealed record Row(CorpusKind Kind, string Tool, int Images, double Seconds, long PeakKiB, (double ContentKiB, double ThumbnailKiB) Sizes)
    {
        public double PerSecond => Images / Seconds;

        public double? AllocatedPerImage { get; init; }

        public long PeakWorkingSet { get; init; }
    }
}

/// <summary>Runs one command under <c>/usr/bin/time -f %M</c> ("Maximum resident set size" of <c>time -v</c>, in KiB).</summary>
internal static class TimedProcess
{
    public static async Task<(string Stdout, long PeakKiB)> RunAsync(
        IReadOnlyList<string> command, string workDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var timeFile = Path.Combine(workDirectory, "time.txt");
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", "%M", "-o", timeFile, .. command])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/time.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}: {await stderr}");
        }

        var lines = await File.ReadAllLinesAsync(timeFile);
        return (await stdout, long.Parse(lines[^1].Trim(), CultureInfo.InvariantCulture));
    }
}
