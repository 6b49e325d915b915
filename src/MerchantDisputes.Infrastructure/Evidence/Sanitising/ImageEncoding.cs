using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// What each format becomes. A JPEG stays a JPEG (re-encoding a photo as PNG would multiply its size);
/// everything else becomes PNG: lossless, so a re-encoded screenshot loses no legibility, and opened by every
/// viewer a lawyer or mediator may use on a downloaded bundle, which WebP is not.
/// </summary>
internal static class ImageEncoding
{
    // 4:4:4 keeps small coloured text (prices in red, say) sharp; 4:2:0 smears it.
    private static readonly JpegEncoder ContentJpeg = new() { Quality = 90, ColorType = JpegColorType.YCbCrRatio444 };

    private static readonly JpegEncoder ThumbnailJpeg = new() { Quality = 80, ColorType = JpegColorType.YCbCrRatio420 };

    // 8-bit whatever the source: one predictable output, and no ancillary chunk written (no text, EXIF, ICC, time).
    private static readonly PngEncoder OpaquePng = new()
    {
        ColorType = PngColorType.Rgb,
        BitDepth = PngBitDepth.Bit8,
        ChunkFilter = PngChunkFilter.ExcludeAll,
        IgnoreMetadata = true,
    };

    private static readonly PngEncoder TranslucentPng = new()
    {
        ColorType = PngColorType.RgbWithAlpha,
        BitDepth = PngBitDepth.Bit8,
        ChunkFilter = PngChunkFilter.ExcludeAll,
        IgnoreMetadata = true,
    };

    public static EncodedImage EncodeContent(Image image, EvidenceImageFormat originalFormat) =>
        originalFormat == EvidenceImageFormat.Jpeg
            ? Encode(image, ContentJpeg, ImageFormats.JpegContentType, ".jpg")
            : Encode(image, HasTransparency(image) ? TranslucentPng : OpaquePng, ImageFormats.PngContentType, ".png");

    /// <summary>Thumbnails are JPEG: a tenth of the PNG size for a screenshot, and they are only a preview.</summary>
    public static EncodedImage EncodeThumbnail(Image thumbnail) =>
        Encode(thumbnail, ThumbnailJpeg, ImageFormats.JpegContentType, ".jpg");

    /// <summary>
    /// Screenshots are usually opaque even when stored with an alpha channel; writing them as RGB
    /// makes the PNG smaller and a 1080 × 30,000 one about a third faster to encode.
    /// </summary>
    private static bool HasTransparency(Image image) => image switch
    {
        Image<Rgb24> or Image<Bgr24> or Image<Rgb48> or Image<L8> or Image<L16> => false,
        Image<Rgba32> rgba => HasTranslucentPixel(rgba),
        _ => true, // other pixel types with alpha are rare here; keeping the channel is the safe side
    };

    private static bool HasTranslucentPixel(Image<Rgba32> image)
    {
        var found = false;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height && !found; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    if (pixel.A != byte.MaxValue)
                    {
                        found = true;
                        break;
                    }
                }
            }
        });
        return found;
    }

    private static EncodedImage Encode(Image image, IImageEncoder encoder, string contentType, string extension)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return new EncodedImage(output.GetBuffer(), (int)output.Length, contentType, extension);
    }
}
