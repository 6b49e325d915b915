using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MerchantDisputes.Benchmarks.Images;

/// <summary>
/// Sanitize + thumbnail over the generated corpus with our pipeline, libvips and ImageMagick, in one run, and prints
/// images per second, CPU per image, peak memory and our ratio to libvips. The three take turns image by image (the
/// order rotating), so that a change in the machine's load falls on all three alike; one image at a time, each tool
/// free to use both cores. What each tool is asked to do is in <see cref="ExternalTool"/> and docs/performance.md.
/// </summary>
public static class ImagePipelineBenchmark
{
    private const string Ours = "ours (ImageSharp 2.1.13)";

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
            rows.AddRange(await RunKindAsync(kind, Corpus.Files(corpusDirectory, kind, counts.For(kind)), tools, workDirectory));
        }

        var table = Table(rows) + Environment.NewLine + await StartUpCostAsync(tools, workDirectory);
        Console.WriteLine();
        Console.WriteLine(table);
        await File.WriteAllTextAsync(Path.Combine(workDirectory, "image-pipeline.md"), table);
        Console.WriteLine($"total {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private static async Task<IEnumerable<Row>> RunKindAsync(CorpusKind kind, IReadOnlyList<string> files, IReadOnlyList<ExternalTool> tools, string workDirectory)
    {
        var ourOutput = Path.Combine(workDirectory, $"ours-{kind}");
        var toolOutputs = tools.Select(t => Path.Combine(workDirectory, $"{t.Key}-{kind}")).ToList();
        toolOutputs.ForEach(d => Directory.CreateDirectory(d));
        var ours = new Tally(Ours);
        var theirs = tools.Select(t => new Tally(t.Name)).ToList();
        await using var child = OurChild.Start(ourOutput, workDirectory, kind);

        // Warm-up on the first file, untimed: for ours the JIT and ImageSharp's pools (the app is a long-running
        // server), for the tools their shared libraries; for all, the file in the page cache.
        await child.SanitizeAsync(files[0]);
        for (var t = 0; t < tools.Count; t++)
        {
            await RunCommandsAsync(tools[t], files[0], toolOutputs[t], kind, workDirectory);
        }

        for (var i = 0; i < files.Count; i++)
        {
            for (var turn = 0; turn <= tools.Count; turn++)
            {
                var who = (i + turn) % (tools.Count + 1);
                if (who == tools.Count)
                {
                    var result = await child.SanitizeAsync(files[i]);
                    ours.Add(result.Seconds, result.CpuSeconds, 0);
                    ours.Allocated += result.AllocatedBytes;
                }
                else
                {
                    var (seconds, cpu, peakKiB) = await RunCommandsAsync(tools[who], files[i], toolOutputs[who], kind, workDirectory);
                    theirs[who].Add(seconds, cpu, peakKiB);
                }
            }
        }

        var (summary, ourPeakKiB) = await child.FinishAsync();
        ours.PeakKiB = ourPeakKiB;
        ours.PeakWorkingSet = summary.PeakWorkingSetBytes;
        Console.WriteLine($"{kind}: {files.Count} images, " + string.Join(", ", theirs.Prepend(ours).Select(t => $"{t.Tool} {t.Seconds:F1} s")));
        return theirs.Prepend(ours).Select((t, index) =>
            t.ToRow(kind, files.Count, OutputSizes(index == 0 ? ourOutput : toolOutputs[index - 1], files.Count))).ToList();
    }

    private static async Task<(double Seconds, double CpuSeconds, long PeakKiB)> RunCommandsAsync(
        ExternalTool tool, string file, string output, CorpusKind kind, string workDirectory)
    {
        double cpu = 0;
        long peakKiB = 0;
        var clock = Stopwatch.StartNew();
        foreach (var command in tool.Commands(file, output, kind))
        {
            var measured = await TimedProcess.RunAsync(command, workDirectory, tool.Environment);
            cpu += measured.CpuSeconds;
            peakKiB = Math.Max(peakKiB, measured.PeakKiB);
        }

        return (clock.Elapsed.TotalSeconds, cpu, peakKiB);
    }

    /// <summary>Part of each tool's time per image is starting its two processes; ours starts once per kind.</summary>
    private static async Task<string> StartUpCostAsync(IReadOnlyList<ExternalTool> tools, string workDirectory)
    {
        const int Repeats = 10;
        var parts = new List<string>();
        foreach (var tool in tools)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Repeats; i++)
            {
                foreach (var command in tool.StartOnly)
                {
                    await TimedProcess.RunAsync(command, workDirectory, tool.Environment);
                }
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{tool.Name} {clock.Elapsed.TotalSeconds / Repeats:F3} s"));
        }

        return $"Starting the two processes of one image (their version commands, mean of {Repeats}): {string.Join("; ", parts)}." + Environment.NewLine;
    }

    private static (double ContentKiB, double ThumbnailKiB) OutputSizes(string directory, int images)
    {
        // The warm-up wrote the first file's outputs already; the timed pass wrote them again, over them.
        var files = new DirectoryInfo(directory).GetFiles();
        var thumbnails = files.Where(f => f.Name.Contains("-thumb", StringComparison.Ordinal)).Sum(f => f.Length);
        var content = files.Sum(f => f.Length) - thumbnails;
        return (content / 1024.0 / images, thumbnails / 1024.0 / images);
    }

    private static string Table(List<Row> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| corpus | tool | images | wall s | images/s | ÷ libvips | CPU s/image | ÷ libvips | peak RSS MiB | ÷ libvips | content KiB/img | thumb KiB/img | allocated MiB/img | PeakWorkingSet64 MiB |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            var vips = rows.Single(r => r.Kind == row.Kind && r.Tool.StartsWith("libvips", StringComparison.Ordinal));
            text.Append(c, $"| {row.Kind} | {row.Tool} | {row.Images} | {row.Seconds:F2} | {row.PerSecond:F2} | {row.PerSecond / vips.PerSecond:F2} | ");
            text.Append(c, $"{row.CpuPerImage:F2} | {row.CpuPerImage / vips.CpuPerImage:F2} | ");
            text.Append(c, $"{row.PeakKiB / 1024.0:F0} | {(double)row.PeakKiB / vips.PeakKiB:F2} | {row.Sizes.ContentKiB:F0} | {row.Sizes.ThumbnailKiB:F1} | ");
            text.AppendLine(row.AllocatedPerImage is { } allocated
                ? string.Create(c, $"{allocated / 1024 / 1024:F1} | {row.PeakWorkingSet / 1024.0 / 1024:F0} |")
                : "– | – |");
        }

        return text.ToString();
    }

    private sealed class Tally(string tool)
    {
        public string Tool { get; } = tool;

        public double Seconds { get; private set; }

        public double CpuSeconds { get; private set; }

        public long PeakKiB { get; set; }

        public long Allocated { get; set; }

        public long PeakWorkingSet { get; set; }

        public void Add(double seconds, double cpuSeconds, long peakKiB)
        {
            Seconds += seconds;
            CpuSeconds += cpuSeconds;
            PeakKiB = Math.Max(PeakKiB, peakKiB);
        }

        public Row ToRow(CorpusKind kind, int images, (double, double) sizes) => new(kind, Tool, images, Seconds, CpuSeconds, PeakKiB, sizes)
        {
            AllocatedPerImage = Tool == Ours ? (double)Allocated / images : null,
            PeakWorkingSet = PeakWorkingSet,
        };
    }

    private sealed record Row(
        CorpusKind Kind, string Tool, int Images, double Seconds, double CpuSeconds, long PeakKiB, (double ContentKiB, double ThumbnailKiB) Sizes)
    {
        public double PerSecond => Images / Seconds;

        public double CpuPerImage => CpuSeconds / Images;

        public double? AllocatedPerImage { get; init; }

        public long PeakWorkingSet { get; init; }
    }
}

/// <summary>Our pipeline in its child process (<see cref="OurPipelineRun"/>), itself under /usr/bin/time.</summary>
internal sealed class OurChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _timeFile;

    private OurChild(Process process, string timeFile)
    {
        _process = process;
        _timeFile = timeFile;
    }

    public static OurChild Start(string outputDirectory, string workDirectory, CorpusKind kind)
    {
        var timeFile = Path.Combine(workDirectory, $"time-ours-{kind}.txt");
        var host = Environment.ProcessPath ?? "dotnet";
        string[] self = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(OurChild).Assembly.Location] : [host];
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", TimedProcess.Format, "-o", timeFile, .. self, "images-ours", outputDirectory])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start our pipeline's process.");
        return new OurChild(process, timeFile);
    }

    public async Task<OurImageResult> SanitizeAsync(string file)
    {
        await _process.StandardInput.WriteLineAsync(file);
        await _process.StandardInput.FlushAsync();
        return JsonSerializer.Deserialize<OurImageResult>(await ReadLineAsync())!;
    }

    public async Task<(OurRunSummary Summary, long PeakKiB)> FinishAsync()
    {
        _process.StandardInput.Close();
        var summary = JsonSerializer.Deserialize<OurRunSummary>(await ReadLineAsync())!;
        await _process.WaitForExitAsync();
        return (summary, TimedProcess.Parse(await File.ReadAllLinesAsync(_timeFile)).PeakKiB);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<string> ReadLineAsync() =>
        await _process.StandardOutput.ReadLineAsync()
        ?? throw new InvalidOperationException($"Our pipeline's process ended early (exit code {(_process.HasExited ? _process.ExitCode : -1)}).");
}

/// <summary>
/// Runs one command under <c>/usr/bin/time</c>: its maximum resident set size (the "Maximum resident set size" of
/// <c>time -v</c>, in KiB) and its user + system CPU seconds.
/// </summary>
internal static class TimedProcess
{
    public const string Format = "%M %U %S";

    public static async Task<(long PeakKiB, double CpuSeconds)> RunAsync(
        IReadOnlyList<string> command, string workDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var timeFile = Path.Combine(workDirectory, "time.txt");
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", Format, "-o", timeFile, .. command])
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
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}: {await stderr}");
        }

        return Parse(await File.ReadAllLinesAsync(timeFile));
    }

    public static (long PeakKiB, double CpuSeconds) Parse(string[] lines)
    {
        var fields = lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[0], CultureInfo.InvariantCulture),
            double.Parse(fields[1], CultureInfo.InvariantCulture) + double.Parse(fields[2], CultureInfo.InvariantCulture));
    }
}
