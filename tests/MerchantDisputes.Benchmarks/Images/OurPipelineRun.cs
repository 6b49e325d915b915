using System.Diagnostics;
using System.Text.Json;
using MerchantDisputes.Infrastructure.Evidence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Benchmarks.Images;

/// <summary>What one child process measured for one corpus kind.</summary>
public sealed record OurRunResult(
    int Images, double Seconds, long AllocatedBytes, long PeakWorkingSetBytes, long ContentBytes, long ThumbnailBytes);

/// <summary>
/// Runs in a process of its own per corpus kind, so that its peak working set belongs to that kind alone, and so
/// that /usr/bin/time reads the same "maximum resident set size" for it as for vips and ImageMagick.
/// The sanitizer is the app's, built as the app builds it: AddImageSanitizer with default limits.
/// Each file is opened as a stream and both outputs (content and thumbnail) are written to disk, as the tools do.
/// </summary>
public static class OurPipelineRun
{
    public static async Task<int> RunAsync(string corpusDirectory, CorpusKind kind, int count, string outputDirectory)
    {
        var files = Corpus.Files(corpusDirectory, kind, count);
        Directory.CreateDirectory(outputDirectory);
        var sanitizer = new ServiceCollection()
            .AddImageSanitizer(new ConfigurationBuilder().Build())
            .BuildServiceProvider()
            .GetRequiredService<IImageSanitizer>();

        // Warm-up on one file (JIT, ImageSharp's pools): the app is a long-running server, so steady state is what counts.
        await SanitizeAsync(sanitizer, files[0], outputDirectory);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long contentBytes = 0, thumbnailBytes = 0;
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var (content, thumbnail) = await SanitizeAsync(sanitizer, file, outputDirectory);
            contentBytes += content;
            thumbnailBytes += thumbnail;
        }

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var result = new OurRunResult(files.Count, clock.Elapsed.TotalSeconds, allocated, process.PeakWorkingSet64, contentBytes, thumbnailBytes);
        Console.WriteLine(JsonSerializer.Serialize(result));
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
