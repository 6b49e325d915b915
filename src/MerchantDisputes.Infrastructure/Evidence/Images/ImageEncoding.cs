using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;

namespace MerchantDisputes.Infrastructure.Evidence.Images;

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

    // 8-bit RGBA whatever the source: one predictable output, transparency kept, no ancillary chunk written.
    private static readonly PngEncoder ContentPng = new()
    {
        ColorType = PngColorType.RgbWithAlpha,
        BitDepth = PngBitDepth.Bit8,
        ChunkFilter = PngChunkFilter.ExcludeAll,
        IgnoreMetadata = true,
    };

    public static EncodedImage EncodeContent(Image image, EvidenceImageFormat originalFormat) =>
        originalFormat == EvidenceImageFormat.Jpeg
            ? Encode(image, ContentJpeg, ImageFormats.JpegContentType, ".jpg")
            : Encode(image, ContentPng, ImageFormats.PngContentType, ".png");

    /// <summary>Thumbnails are JPEG: a tenth of the PNG size for a screenshot, and they are only a preview.</summary>
    public static EncodedImage EncodeThumbnail(Image thumbnail) =>
        Encode(thumbnail, ThumbnailJpeg, ImageFormats.JpegContentType, ".jpg");

    private static EncodedImage Encode(Image image, IImageEncoder encoder, string contentType, string extension)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return new EncodedImage(output.GetBuffer(), (int)output.Length, contentType, extension);
    }
}
