using System.Diagnostics;
using System.Text.Json;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Benchmarks.Images;

/// <summary>One image through our pipeline: wall and CPU seconds of this process, managed bytes allocated.</summary>
public sealed record OurImageResult(double Seconds, double CpuSeconds, long AllocatedBytes, long ContentBytes, long ThumbnailBytes);

/// <summary>What the child process says when its input ends.</summary>
public sealed record OurRunSummary(long PeakWorkingSetBytes);

/// <summary>
/// Our pipeline as a child process, one per corpus kind, so that its peak memory belongs to that kind alone and
/// /usr/bin/time reads the same "maximum resident set size" for it as for vips and ImageMagick. It reads one file
/// path a line on standard input, sanitizes the file and writes both outputs (content and thumbnail) to disk, as the
/// tools do, and answers one JSON line per file; at the end of its input it answers its peak working set.
/// The parent interleaves these requests with the tools' commands, image by image. The sanitizer is the app's,
/// built as the app builds it: AddImageSanitizer with default limits.
/// </summary>
public static class OurPipelineRun
{
    public static async Task<int> RunAsync(string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var sanitizer = new ServiceCollection()
            .AddImageSanitizer(new ConfigurationBuilder().Build())
            .BuildServiceProvider()
            .GetRequiredService<IImageSanitizer>();
        using var process = Process.GetCurrentProcess();
        while (await Console.In.ReadLineAsync() is { Length: > 0 } file)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var (content, thumbnail) = await SanitizeAsync(sanitizer, file, outputDirectory);
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine(JsonSerializer.Serialize(new OurImageResult(clock.Elapsed.TotalSeconds, cpu.TotalSeconds, allocated, content, thumbnail)));
        }

        process.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(new OurRunSummary(process.PeakWorkingSet64)));
        return 0;
    }

    private static async Task<(long Content, long Thumbnail)> SanitizeAsync(IImageSanitizer sanitizer, string file, string outputDirectory)
    {
        SanitizedImage image;
        await using (var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            image = await sanitizer.SanitizeAsync(input);
        }

        var name = Path.GetFileNameWithoutExtension(file);
        await WriteAsync(Path.Combine(outputDirectory, name + image.Content.Extension), image.Content);
        await WriteAsync(Path.Combine(outputDirectory, name + "-thumb" + image.Thumbnail.Extension), image.Thumbnail);
        return (image.Content.Length, image.Thumbnail.Length);
    }

    private static async Task WriteAsync(string path, EncodedImage image)
    {
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await output.WriteAsync(image.Bytes);
    }
}
