using System.Security.Cryptography;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>One encoded image held in memory, with what a store needs to keep it.</summary>
public sealed class EncodedImage
{
    private readonly byte[] _buffer;
    private readonly int _length;

    internal EncodedImage(byte[] buffer, int length, string contentType, string extension)
    {
        _buffer = buffer;
        _length = length;
        ContentType = contentType;
        Extension = extension;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, length)));
    }

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, _length);

    public long Length => _length;

    /// <summary>For example "image/png".</summary>
    public string ContentType { get; }

    /// <summary>With the dot, for example ".png"; for generated blob names, never from the user's file name.</summary>
    public string Extension { get; }

    /// <summary>SHA-256 of <see cref="Bytes"/>, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>A read-only stream over the bytes, without copying them.</summary>
    public Stream OpenRead() => new MemoryStream(_buffer, 0, _length, writable: false);
}

/// <summary>The outcome of sanitizing one upload: the original as sent, the re-encoded image and its thumbnail.</summary>
public sealed class SanitizedImage
{
    internal SanitizedImage(EvidenceImageFormat originalFormat, EncodedImage original, EncodedImage content, Size contentSize, EncodedImage thumbnail, Size thumbnailSize)
    {
        OriginalFormat = originalFormat;
        Original = original;
        Content = content;
        Width = contentSize.Width;
        Height = contentSize.Height;
        Thumbnail = thumbnail;
        ThumbnailWidth = thumbnailSize.Width;
        ThumbnailHeight = thumbnailSize.Height;
    }

    /// <summary>The format the bytes were recognised as (by their bytes, not by name or client content type).</summary>
    public EvidenceImageFormat OriginalFormat { get; }

    /// <summary>The bytes exactly as uploaded (for the evidence-originals container).</summary>
    public EncodedImage Original { get; }

    /// <summary>The re-encoded image without any metadata (for the evidence container).</summary>
    public EncodedImage Content { get; }

    /// <summary>Width of <see cref="Content"/>, after orientation.</summary>
    public int Width { get; }

    /// <summary>Height of <see cref="Content"/>, after orientation.</summary>
    public int Height { get; }

    public EncodedImage Thumbnail { get; }

    public int ThumbnailWidth { get; }

    public int ThumbnailHeight { get; }

    /// <summary>
    /// The same image with <paramref name="pdf"/> as its original: the first page of a PDF statement keeps the PDF,
    /// restricted like every original and only ever served as an attachment.
    /// </summary>
    public SanitizedImage WithPdfOriginal(EvidenceUpload pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        return new SanitizedImage(
            EvidenceImageFormat.Pdf, pdf.AsOriginal("application/pdf", ".pdf"), Content, new(Width, Height), Thumbnail, new(ThumbnailWidth, ThumbnailHeight));
    }

    /// <summary>Shorthand for <c>Original.Sha256</c>.</summary>
    public string OriginalSha256 => Original.Sha256;

    /// <summary>Shorthand for <c>Content.Sha256</c>.</summary>
    public string ContentSha256 => Content.Sha256;

    internal readonly record struct Size(int Width, int Height);
}
