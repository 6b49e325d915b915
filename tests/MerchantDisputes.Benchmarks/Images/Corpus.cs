using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace MerchantDisputes.Benchmarks.Images;

public enum CorpusKind
{
    /// <summary>1080 × 2,400 PNG, a phone screenshot of an order or a ruling.</summary>
    Screenshot,

    /// <summary>1080 × 20,000 PNG, a scrolling capture of a chat or an order history.</summary>
    LongScreenshot,

    /// <summary>4,000 × 3,000 JPEG with EXIF (camera, time, GPS), a photo of a parcel or a label.</summary>
    Photo,
}

public sealed record CorpusCounts(int Screenshots, int LongScreenshots, int Photos)
{
    public int For(CorpusKind kind) => kind switch
    {
        CorpusKind.Screenshot => Screenshots,
        CorpusKind.LongScreenshot => LongScreenshots,
        _ => Photos,
    };
}

/// <summary>
/// The benchmark's input, generated with ImageSharp 2.1.13 and deterministic (one seed per file), so every run
/// and every machine measures the same bytes. Screenshots are drawn like an app's page: bars, cards and lines of
/// glyph-like strokes with anti-aliased edges, which compress like text does (pure noise would not). Photos are a
/// gradient with soft shapes and sensor-like noise, saved as a phone would: JPEG quality 90, 4:2:0, with EXIF.
/// </summary>
public static class Corpus
{
    public const int ScreenshotWidth = 1080;
    public const int ScreenshotHeight = 2400;
    public const int LongHeight = 20_000;
    public const int PhotoWidth = 4000;
    public const int PhotoHeight = 3000;

    public static string FileName(CorpusKind kind, int index) => kind switch
    {
        CorpusKind.Photo => $"photo-{index:D3}.jpg",
        CorpusKind.LongScreenshot => $"long-{index:D3}.png",
        _ => $"screenshot-{index:D3}.png",
    };

    public static IReadOnlyList<string> Files(string directory, CorpusKind kind, int count) =>
        Enumerable.Range(0, count).Select(i => Path.Combine(directory, FileName(kind, i))).ToList();

    /// <summary>Writes the files that are missing; existing ones are kept (same name, same seed, same bytes).</summary>
    public static void Ensure(string directory, CorpusCounts counts)
    {
        Directory.CreateDirectory(directory);
        foreach (var kind in Enum.GetValues<CorpusKind>())
        {
            for (var i = 0; i < counts.For(kind); i++)
            {
                var path = Path.Combine(directory, FileName(kind, i));
                if (File.Exists(path))
                {
                    continue;
                }

                var seed = ((int)kind * 1000) + i + 1;
                var temporary = path + ".part";
                switch (kind)
                {
                    case CorpusKind.Photo:
                        WritePhoto(temporary, seed);
                        break;
                    case CorpusKind.LongScreenshot:
                        WriteScreenshot(temporary, ScreenshotWidth, LongHeight, seed);
                        break;
                    default:
                        WriteScreenshot(temporary, ScreenshotWidth, ScreenshotHeight, seed);
                        break;
                }

                File.Move(temporary, path, overwrite: true);
            }
        }
    }

    private static void WriteScreenshot(string path, int width, int height, int seed)
    {
        using var image = Screenshot(width, height, seed);
        var png = image.Metadata.GetPngMetadata();
        png.TextData.Add(new PngTextData("Software", "Android 14 screenshot", string.Empty, string.Empty));
        image.Save(path, new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 });
    }

    private static void WritePhoto(string path, int seed)
    {
        using var image = Photo(PhotoWidth, PhotoHeight, seed);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "BenchPhone");
        exif.SetValue(ExifTag.Model, "BP-12");
        exif.SetValue(ExifTag.Orientation, (ushort)1);
        exif.SetValue(ExifTag.DateTimeOriginal, "2026:05:31 14:03:12");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(30, 1), new Rational(16, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(120, 1), new Rational(9, 1), new Rational(5678, 100)]);
        image.Metadata.ExifProfile = exif;
        image.Save(path, new JpegEncoder { Quality = 90, ColorType = JpegColorType.YCbCrRatio420 });
    }

    /// <summary>A status bar, a coloured title bar, the product's photo, then cards of text lines, prices in red and pictures.</summary>
    internal static Image<Rgb24> Screenshot(int width, int height, int seed)
    {
        var random = new Random(seed);
        var glyphs = Glyphs.Create(random);
        var image = new Image<Rgb24>(width, height, new Rgb24(245, 245, 245));
        var ink = new Rgb24(34, 34, 34);
        var grey = new Rgb24(136, 136, 136);
        var red = new Rgb24(230, 40, 40);
        image.ProcessPixelRows(rows =>
        {
            FillRect(rows, 0, 0, width, 72, new Rgb24(20, 20, 20));
            FillRect(rows, 0, 72, width, 140, new Rgb24(255, 106, 0));
            DrawText(rows, glyphs, 40, 110, 12, new Rgb24(255, 255, 255), random);

            // The product's photo under the title bar, as on an order page.
            Picture(rows, 24, 236, width - 48, 560, random);
            var y = 820;
            while (y < height - 200)
            {
                // One card: white, a picture on the left, lines of text on the right, a price.
                var cardHeight = 300 + random.Next(260);
                cardHeight = Math.Min(cardHeight, height - y - 24);
                FillRect(rows, 24, y, width - 48, cardHeight, new Rgb24(255, 255, 255));
                var picture = Math.Min(220, cardHeight - 40);
                Picture(rows, 48, y + 20, picture, picture, random);
                var lineY = y + 34;
                while (lineY < y + cardHeight - 60)
                {
                    var colour = random.Next(6) == 0 ? grey : ink;
                    DrawText(rows, glyphs, 300, lineY, 8 + random.Next(30), colour, random);
                    lineY += 46;
                }

                DrawText(rows, glyphs, 300, y + cardHeight - 50, 6, red, random);
                y += cardHeight + 24;
            }
        });
        return image;
    }

    /// <summary>Sky-to-ground gradient, a few soft blobs, and noise of about ±9 levels per channel.</summary>
    internal static Image<Rgb24> Photo(int width, int height, int seed)
    {
        var random = new Random(seed);
        var blobs = Enumerable.Range(0, 6).Select(_ => (
            X: random.Next(width), Y: random.Next(height), R: 300 + random.Next(900),
            C: (R: random.Next(256), G: random.Next(256), B: random.Next(256)))).ToArray();
        var image = new Image<Rgb24>(width, height);
        var state = (uint)seed * 2654435761u;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                var t = (float)y / height;
                for (var x = 0; x < row.Length; x++)
                {
                    float r = 90 + (120 * (1 - t)), g = 120 + (90 * (1 - t)), b = 200 - (120 * t);
                    foreach (var blob in blobs)
                    {
                        var dx = x - blob.X;
                        var dy = y - blob.Y;
                        var d2 = (float)((dx * dx) + (dy * dy)) / (blob.R * blob.R);
                        if (d2 < 1)
                        {
                            var w = (1 - d2) * (1 - d2);
                            r += (blob.C.R - r) * w;
                            g += (blob.C.G - g) * w;
                            b += (blob.C.B - b) * w;
                        }
                    }

                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    var noise = (int)(state % 19) - 9;
                    row[x] = new Rgb24(Clamp(r + noise), Clamp(g + noise), Clamp(b + (noise / 2)));
                }
            }
        });
        return image;
    }

    private static byte Clamp(float value) => (byte)Math.Clamp((int)value, 0, 255);

    private static void FillRect(PixelAccessor<Rgb24> rows, int x, int y, int width, int height, Rgb24 colour)
    {
        for (var row = Math.Max(0, y); row < Math.Min(rows.Height, y + height); row++)
        {
            var span = rows.GetRowSpan(row);
            span.Slice(x, Math.Min(width, span.Length - x)).Fill(colour);
        }
    }

    /// <summary>A product photo inside a screenshot: a gradient with photo-like noise, which PNG cannot squeeze much.</summary>
    private static void Picture(PixelAccessor<Rgb24> rows, int x, int y, int width, int height, Random random)
    {
        var (r0, g0, b0) = (random.Next(200), random.Next(200), random.Next(200));
        var state = (uint)random.Next(1, int.MaxValue);
        for (var row = 0; row < height && y + row < rows.Height; row++)
        {
            var span = rows.GetRowSpan(y + row);
            for (var column = 0; column < width; column++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                var noise = (int)(state % 19) - 9;
                span[x + column] = new Rgb24(
                    Clamp(r0 + (row * 55f / height) + noise), Clamp(g0 + (column * 55f / width) + noise), Clamp(b0 + 20 + noise));
            }
        }
    }

    /// <summary>A line of <paramref name="characters"/> glyphs, with a word gap now and then.</summary>
    private static void DrawText(PixelAccessor<Rgb24> rows, byte[][] glyphs, int x, int y, int characters, Rgb24 colour, Random random)
    {
        for (var i = 0; i < characters && x + Glyphs.Width < rows.Width - 40; i++)
        {
            var glyph = glyphs[random.Next(glyphs.Length)];
            for (var gy = 0; gy < Glyphs.Height && y + gy < rows.Height; gy++)
            {
                var span = rows.GetRowSpan(y + gy);
                for (var gx = 0; gx < Glyphs.Width; gx++)
                {
                    var alpha = glyph[(gy * Glyphs.Width) + gx];
                    if (alpha != 0)
                    {
                        ref var pixel = ref span[x + gx];
                        pixel = Blend(pixel, colour, alpha);
                    }
                }
            }

            x += Glyphs.Width + 2 + (random.Next(5) == 0 ? 14 : 0);
        }
    }

    private static Rgb24 Blend(Rgb24 under, Rgb24 over, byte alpha) => new(
        (byte)(under.R + (((over.R - under.R) * alpha) / 255)),
        (byte)(under.G + (((over.G - under.G) * alpha) / 255)),
        (byte)(under.B + (((over.B - under.B) * alpha) / 255)));

    /// <summary>Sixty made-up characters of strokes with soft edges, 26 × 30 like CJK text on a phone.</summary>
    private static class Glyphs
    {
        public const int Width = 26;
        public const int Height = 30;

        public static byte[][] Create(Random random) => Enumerable.Range(0, 60).Select(_ => One(random)).ToArray();

        private static byte[] One(Random random)
        {
            var mask = new byte[Width * Height];
            var strokes = 3 + random.Next(5);
            for (var s = 0; s < strokes; s++)
            {
                var horizontal = random.Next(2) == 0;
                var at = 3 + random.Next(horizontal ? Height - 6 : Width - 6);
                var from = 2 + random.Next(10);
                var to = (horizontal ? Width : Height) - 2 - random.Next(10);
                for (var i = from; i < to; i++)
                {
                    for (var d = -2; d <= 2; d++)
                    {
                        var level = d switch { 0 or -1 => 255, 1 => 160, _ => 60 };
                        var (x, y) = horizontal ? (i, at + d) : (at + d, i);
                        if (x >= 0 && x < Width && y >= 0 && y < Height)
                        {
                            ref var cell = ref mask[(y * Width) + x];
                            cell = (byte)Math.Max(cell, level);
                        }
                    }
                }
            }

            return mask;
        }
    }
}
