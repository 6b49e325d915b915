using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>What the sanitizer knows about each accepted format: its ImageSharp decoder, its structure check, what it becomes.</summary>
internal static class ImageFormats
{
    public const string PngContentType = "image/png";
    public const string JpegContentType = "image/jpeg";

    /// <summary>
    /// A configuration with the five accepted formats only (ImageSharp's default also has TGA, TIFF, PBM),
    /// and an allocator that refuses a single buffer larger than the pixel limit allows, as a last line of defence.
    /// </summary>
    public static Configuration CreateConfiguration(EvidenceLimits limits)
    {
        var configuration = new Configuration(
            new PngConfigurationModule(),
            new JpegConfigurationModule(),
            new GifConfigurationModule(),
            new BmpConfigurationModule(),
            new WebpConfigurationModule());

        // 8 bytes per pixel is the widest pixel type a decoder picks here (16-bit RGBA PNG).
        var limitMegabytes = (int)Math.Min(int.MaxValue, (limits.MaxPixels * 8 / (1024 * 1024)) + 64);
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = limitMegabytes });
        return configuration;
    }

    public static IImageDecoder Decoder(EvidenceImageFormat format) => format switch
    {
        EvidenceImageFormat.Png => new PngDecoder(),
        EvidenceImageFormat.Jpeg => new JpegDecoder(),

        // The structure check has already refused a second frame; decoding only the first is belt and braces.
        EvidenceImageFormat.Gif => new GifDecoder { DecodingMode = FrameDecodingMode.First },
        EvidenceImageFormat.Bmp => new BmpDecoder(),
        EvidenceImageFormat.WebP => new WebpDecoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The ImageSharp format that must identify the bytes sniffed as <paramref name="format"/>.</summary>
    public static IImageFormat ImageSharpFormat(EvidenceImageFormat format) => format switch
    {
        EvidenceImageFormat.Png => PngFormat.Instance,
        EvidenceImageFormat.Jpeg => JpegFormat.Instance,
        EvidenceImageFormat.Gif => GifFormat.Instance,
        EvidenceImageFormat.Bmp => BmpFormat.Instance,
        EvidenceImageFormat.WebP => WebpFormat.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string OriginalContentType(EvidenceImageFormat format) => ImageSharpFormat(format).DefaultMimeType;

    public static string OriginalExtension(EvidenceImageFormat format) => format switch
    {
        EvidenceImageFormat.Png => ".png",
        EvidenceImageFormat.Jpeg => ".jpg",
        EvidenceImageFormat.Gif => ".gif",
        EvidenceImageFormat.Bmp => ".bmp",
        EvidenceImageFormat.WebP => ".webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static void CheckStructure(EvidenceImageFormat format, ReadOnlySpan<byte> data, EvidenceLimits limits)
    {
        switch (format)
        {
            case EvidenceImageFormat.Png:
                PngStructure.Check(data);
                break;
            case EvidenceImageFormat.Jpeg:
                JpegStructure.Check(data, limits);
                break;
            case EvidenceImageFormat.Gif:
                GifStructure.Check(data, limits);
                break;
            case EvidenceImageFormat.Bmp:
                BmpStructure.Check(data);
                break;
            case EvidenceImageFormat.WebP:
                WebpStructure.Check(data);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }
}
