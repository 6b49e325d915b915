using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// Removes everything that is not pixels: EXIF (GPS position, camera serial, time), ICC, IPTC, XMP,
/// PNG text chunks and GIF comments. Runs after AutoOrient, which needs the EXIF orientation.
/// </summary>
/// <remarks>
/// Dropping the ICC profile without converting the pixels can shift colours slightly for wide-gamut
/// sources; ImageSharp 2.1 cannot convert ICC profiles, and a screenshot's legibility does not depend on it.
/// </remarks>
internal static class MetadataStripper
{
    public static void Strip(Image image)
    {
        var metadata = image.Metadata;
        metadata.ExifProfile = null;
        metadata.IccProfile = null;
        metadata.IptcProfile = null;
        metadata.XmpProfile = null;
        metadata.GetPngMetadata().TextData.Clear();
        metadata.GetGifMetadata().Comments.Clear();
        foreach (var frame in image.Frames)
        {
            StripFrame(frame.Metadata);
        }
    }

    private static void StripFrame(ImageFrameMetadata metadata)
    {
        metadata.ExifProfile = null;
        metadata.IccProfile = null;
        metadata.IptcProfile = null;
        metadata.XmpProfile = null;
    }
}
