using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using MerchantDisputes.Web.Caching;

namespace MerchantDisputes.Benchmarks.Http;

/// <summary>
/// ADR 6's choice of Brotli quality 6 and gzip level 9 for kept public answers: each URL is read once as an
/// anonymous zh-CN reader (uncompressed), then compressed again and again for half a second per setting with the
/// streams the app's response compression uses; prints each setting's size and mean time, and both as ratios to the
/// app's Brotli quality measured in the same run.
/// </summary>
public static class CodingsRun
{
    private static readonly TimeSpan PerSetting = TimeSpan.FromMilliseconds(500);

    private static readonly string Reference = Br(CachedAnswer.BrotliQuality);

    private static readonly (string Name, Func<byte[], byte[]> Compress)[] Settings =
    [
        ("gzip 6 (Optimal)", body => GzipOf(body, CompressionLevel.Optimal)),
        ("gzip 9 (SmallestSize)", body => GzipOf(body, CompressionLevel.SmallestSize)),
        .. new[] { 4, 6, 9, 11 }.Select(q => (Br(q), (Func<byte[], byte[]>)(body => BrotliOf(body, q)))),
    ];

    public static async Task<int> RunAsync(IEnumerable<string> urls)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        foreach (var url in urls)
        {
            var body = await http.GetByteArrayAsync(new Uri(url));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{url}: {body.Length:N0} bytes"));
            var figures = Settings.Select(s => (s.Name, Figure: Measure(body, s.Compress))).ToArray();
            var reference = figures.Single(f => f.Name == Reference).Figure;
            foreach (var (name, (size, ms)) in figures)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-22} {size,9:N0} bytes ({size * 100.0 / body.Length,5:F1} % of it, {(double)size / reference.Size,5:F2} × {Reference})  {ms,8:F3} ms ({ms / reference.Ms,6:F1} × {Reference})"));
            }
        }

        return 0;
    }

    /// <summary>The compressed size and the mean time of one compression over <see cref="PerSetting"/>.</summary>
    private static (int Size, double Ms) Measure(byte[] body, Func<byte[], byte[]> compress)
    {
        var size = compress(body).Length; // warm-up
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed < PerSetting)
        {
            compress(body);
            runs++;
        }

        return (size, clock.Elapsed.TotalMilliseconds / runs);
    }

    private static byte[] GzipOf(byte[] body, CompressionLevel level) =>
        Compressed(body, output => new GZipStream(output, level, leaveOpen: true));

    private static byte[] BrotliOf(byte[] body, int quality) =>
        Compressed(body, output => new BrotliStream(output, new BrotliCompressionOptions { Quality = quality }, leaveOpen: true));

    private static byte[] Compressed(byte[] body, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(body);
        }

        return output.ToArray();
    }

    private static string Br(int quality) => string.Create(CultureInfo.InvariantCulture, $"br {quality}");
}
