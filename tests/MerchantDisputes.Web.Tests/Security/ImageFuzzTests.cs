using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>
/// Issue 8's bounded fuzz run of the image pipeline, through the real upload endpoint: 2,000 mutations (fixed seed) of
/// valid screenshots in the five accepted formats. Every answer is 2xx or 4xx within 2 seconds, never 5xx; afterwards
/// every evidence row has its three blobs with the recorded SHA-256 and no blob is left without its row.
/// Runs alone (its own collection, parallelisation off) so the 2-second bound measures the pipeline, not the other
/// test classes sharing the machine's two cores.
/// </summary>
[Collection(ImageFuzzAlone.Name)]
public sealed class ImageFuzzTests(DisputesAppFactory app, ITestOutputHelper output) : IClassFixture<DisputesAppFactory>
{
    private const int Mutations = 2000;
    private const int Seed = 20261128;
    private const int FilesPerDraft = 18;

    [Fact]
    public async Task Two_thousand_mutated_screenshots_are_each_answered_2xx_or_4xx_in_time_and_nothing_is_stored_by_half()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var corpus = Corpus();
        var random = new Random(Seed);
        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();
        string? draft = null;
        var accepted = 0;

        for (var i = 0; i < Mutations; i++)
        {
            if (draft is null || accepted == FilesPerDraft)
            {
                draft = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
                accepted = 0;
            }

            var (name, seed) = corpus[random.Next(corpus.Count)];
            var (how, bytes) = Mutate(seed, random);
            var clock = Stopwatch.StartNew();
            var response = await Uploads.UploadAsync(merchant, draft, bytes, name);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            accepted += response.IsSuccessStatusCode ? 1 : 0;
            if (status >= 500 || clock.Elapsed > TimeSpan.FromSeconds(2))
            {
                failures.Add($"#{i} {name} {how}: {status} in {clock.ElapsedMilliseconds} ms");
            }
        }

        output.WriteLine("answers: " + string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}")));
        Assert.True(failures.Count == 0, "mutations answered 5xx or too slowly:\n" + string.Join('\n', failures));
        Assert.True(statuses.Keys.Any(s => s < 300) && statuses.Keys.Any(s => s >= 400), "the run should see both accepted and refused files");
        await AssertEveryRowHasItsBlobsAndNoBlobIsOrphanedAsync();
    }

    private async Task AssertEveryRowHasItsBlobsAndNoBlobIsOrphanedAsync()
    {
        var rows = await app.WithDbAsync(db => db.Evidence.AsNoTracking().ToListAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IEvidenceStore>();
        foreach (var row in rows)
        {
            Assert.Equal(row.SanitizedSha256, await HashAsync(store, EvidenceContainer.Sanitized, row.BlobName));
            Assert.Equal(row.OriginalSha256, await HashAsync(store, EvidenceContainer.Original, row.BlobName));
            Assert.True(await store.ExistsAsync(EvidenceContainer.Thumbnail, row.BlobName), $"no thumbnail for {row.BlobName}");
        }

        Assert.Equal(rows.Count * 3, app.EvidenceBlobFiles().Count);
    }

    private static async Task<string> HashAsync(IEvidenceStore store, EvidenceContainer container, string blobName)
    {
        await using var blob = await store.OpenReadAsync(container, blobName) ?? throw new InvalidOperationException($"{container} blob {blobName} is missing");
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(blob.Content));
    }

    /// <summary>Small screenshots (a coloured header, text-like rows, a noisy block) in every accepted format.</summary>
    private static List<(string Name, byte[] Bytes)> Corpus()
    {
        using var image = TestImages.Plain(180, 400);
        var random = new Random(Seed);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = y < 40 ? new Rgba32(200, 40, 30)
                        : y is > 150 and < 200 ? new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))
                        : y % 16 < 6 && x > 10 && x < 170 ? new Rgba32(90, 90, 90)
                        : new Rgba32(255, 255, 255);
                }
            }
        });
        var encoders = new (string Name, IImageEncoder Encoder)[]
        {
            ("shot.png", new PngEncoder()), ("shot.jpg", new JpegEncoder { Quality = 85 }), ("shot.webp", new WebpEncoder()),
            ("shot.gif", new GifEncoder()), ("shot.bmp", new BmpEncoder()),
        };
        return encoders.Select(e => (e.Name, TestImages.Encode(image.CloneAs<Rgba32>(), e.Encoder))).ToList();
    }

    private static readonly byte[] Interesting = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE];

    /// <summary>One mutation of a seed file, named for the failure message.</summary>
    private static (string How, byte[] Bytes) Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        var at = random.Next(bytes.Length);
        switch (random.Next(8))
        {
            case 0:
                var flips = 1 + random.Next(8);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return ($"{flips} bit flips", bytes);
            case 1:
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                return (Invariant($"byte {at} = 0x{bytes[at]:X2}"), bytes);
            case 2:
                var header = random.Next(Math.Min(64, bytes.Length));
                bytes[header] = Interesting[random.Next(Interesting.Length)];
                return (Invariant($"header byte {header} = 0x{bytes[header]:X2}"), bytes);
            case 3:
                return (Invariant($"truncated at {at}"), bytes[..at]);
            case 4:
                var length = 1 + random.Next(Math.Min(4096, bytes.Length - at));
                return (Invariant($"{length} bytes at {at} repeated"), [.. bytes[..(at + length)], .. bytes[at..]]);
            case 5:
                // Four bytes set to a huge big- or little-endian number: a dimension, a chunk length, an offset.
                var where = random.Next(Math.Min(64, bytes.Length - 4));
                var huge = BitConverter.GetBytes(random.Next(2) == 0 ? 0x7FFF_FFFF : 0xFFFF_FF00 >> random.Next(16));
                huge.CopyTo(bytes, where);
                return (Invariant($"4 bytes at {where} set huge"), bytes);
            case 6:
                var other = random.Next(bytes.Length);
                (bytes[at], bytes[other]) = (bytes[other], bytes[at]);
                return (Invariant($"bytes {at} and {other} swapped"), bytes);
            default:
                var span = 1 + random.Next(Math.Min(256, bytes.Length - at));
                random.NextBytes(bytes.AsSpan(at, span));
                return (Invariant($"{span} random bytes at {at}"), bytes);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ImageFuzzAlone
{
    public const string Name = "Image fuzz, alone";
}
