using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// Makes the preview shown in case lists. A long phone screenshot (1080 × 30,000) scaled whole would be a
/// 12-pixel-wide sliver, so the thumbnail shows the top of it instead: at most twice as tall as wide
/// (or twice as wide as tall), taken from the top-left corner, where a screenshot's context (the order
/// number, the shop, the ruling's title) usually is. The full image is one click away.
/// </summary>
internal static class Thumbnailer
{
    private const int MaxAspectRatio = 2;

    public static (EncodedImage Thumbnail, SanitizedImage.Size Size) Create(Image image, int maxSide)
    {
        var region = TopLeftRegion(image.Width, image.Height);
        var size = FitWithin(region.Width, region.Height, maxSide);
        using var thumbnail = image.Clone(context =>
        {
            if (region.Width != image.Width || region.Height != image.Height)
            {
                context.Crop(region);
            }

            // JPEG has no alpha: transparent areas become white, as on the page, instead of black.
            context.Resize(size.Width, size.Height).BackgroundColor(Color.White);
        });
        return (ImageEncoding.EncodeThumbnail(thumbnail), size);
    }

    internal static Rectangle TopLeftRegion(int width, int height) =>
        new(0, 0, Math.Min(width, height * MaxAspectRatio), Math.Min(height, width * MaxAspectRatio));

    /// <summary>Scales down to fit <paramref name="maxSide"/>, keeping the aspect ratio; never scales up.</summary>
    internal static SanitizedImage.Size FitWithin(int width, int height, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(width, height));
        return new(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
