using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Processing;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// sniff → structure (complete? animated? what it asks of the decoder) → identify dimensions without decoding → limits → decode →
/// auto-orient → strip metadata → re-encode → thumbnail → SHA-256. Cheap checks come first, so that a
/// hostile file is refused before a single pixel buffer is allocated for it.
/// </summary>
internal sealed class ImageSanitizer : IImageSanitizer
{
    private readonly EvidenceLimits _limits;
    private readonly Configuration _configuration;

    public ImageSanitizer(IOptions<EvidenceLimits> limits)
    {
        _limits = limits.Value;
        _configuration = ImageFormats.CreateConfiguration(_limits);
    }

    public async Task<SanitizedImage> SanitizeAsync(Stream original, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(original);
        var (buffer, length) = await BoundedReader.ReadAsync(original, _limits.MaxFileBytes, cancellationToken);

        // The budget starts once the bytes are here: receiving them is the network's time, not the CPU's.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_limits.MaxDecodeTime);
        try
        {
            return await SanitizeAsync(buffer, length, budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.TooSlow, $"Not done within {_limits.MaxDecodeTime}.");
        }
    }

    private async Task<SanitizedImage> SanitizeAsync(byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var format = FormatSniffer.Detect(buffer.AsSpan(0, length))
            ?? throw new EvidenceRejectedException(EvidenceRejectionReason.UnsupportedFormat);
        ImageFormats.CheckStructure(format, buffer.AsSpan(0, length), _limits);
        CheckDimensions(Identify(buffer, length, format));
        cancellationToken.ThrowIfCancellationRequested();

        var originalImage = new EncodedImage(buffer, length, ImageFormats.OriginalContentType(format), ImageFormats.OriginalExtension(format));
        using var image = await DecodeAsync(buffer, length, format, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        image.Mutate(context => context.AutoOrient());
        MetadataStripper.Strip(image);
        var content = ImageEncoding.EncodeContent(image, format);
        cancellationToken.ThrowIfCancellationRequested();
        var (thumbnail, thumbnailSize) = Thumbnailer.Create(image, _limits.MaxThumbnailSide);
        cancellationToken.ThrowIfCancellationRequested();
        return new SanitizedImage(format, originalImage, content, new(image.Width, image.Height), thumbnail, thumbnailSize);
    }

    private IImageInfo Identify(byte[] buffer, int length, EvidenceImageFormat format)
    {
        using var stream = new MemoryStream(buffer, 0, length, writable: false);
        IImageFormat? detected = null;
        var info = ReadingImage(() => Image.Identify(_configuration, stream, out detected));
        if (info is null || detected != ImageFormats.ImageSharpFormat(format))
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, $"ImageSharp does not identify the bytes as {format}.");
        }

        return info;
    }

    private void CheckDimensions(IImageInfo info)
    {
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "The image has no pixels.");
        }

        if ((long)info.Width * info.Height > _limits.MaxPixels || info.Width > _limits.MaxSide || info.Height > _limits.MaxSide)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.TooManyPixels, $"{info.Width} × {info.Height} pixels.");
        }
    }

    /// <summary>ImageSharp's decoders observe the token between segments (for a JPEG, between scans).</summary>
    private async Task<Image> DecodeAsync(byte[] buffer, int length, EvidenceImageFormat format, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer, 0, length, writable: false);
        var image = await ReadingImageAsync(() => Image.LoadAsync(_configuration, stream, ImageFormats.Decoder(format), cancellationToken));
        if (image.Frames.Count > 1)
        {
            image.Dispose();
            throw new EvidenceRejectedException(EvidenceRejectionReason.Animated);
        }

        return image;
    }

    /// <summary>
    /// Any failure of a decoder on these bytes means "we cannot read this image": hostile input makes decoders
    /// throw more than their documented exceptions (index and argument errors, end of stream), and the
    /// uploader deserves a 422, not a 500.
    /// </summary>
    private static async Task<T> ReadingImageAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException or EvidenceRejectedException))
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, exception.Message, exception);
        }
    }

    private static T ReadingImage<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException or EvidenceRejectedException))
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, exception.Message, exception);
        }
    }
}
