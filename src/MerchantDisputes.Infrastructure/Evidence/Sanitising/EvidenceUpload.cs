using System.Security.Cryptography;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// One uploaded file, received whole (at most <see cref="EvidenceLimits.MaxFileBytes"/>) before anything else happens
/// to it: a slow sender keeps only its own connection busy, never a decode slot, and an exact duplicate is known by
/// its SHA-256 before a single pixel is decoded.
/// </summary>
public sealed class EvidenceUpload
{
    private static ReadOnlySpan<byte> PdfSignature => "%PDF-"u8;

    private readonly byte[] _buffer;
    private readonly int _length;

    private EvidenceUpload(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, length)));
    }

    public long Length => _length;

    /// <summary>SHA-256 of the bytes as sent, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>A PDF statement (by its first bytes), to be rendered page by page rather than decoded as an image.</summary>
    public bool IsPdf => _buffer.AsSpan(0, _length).StartsWith(PdfSignature);

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, _length);

    /// <summary>Refused as empty or too large (413) while reading, never after reading more than the limit + 1 bytes.</summary>
    /// <exception cref="EvidenceRejectedException">Empty or larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<EvidenceUpload> ReceiveAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (buffer, length) = await BoundedReader.ReadAsync(body, maxBytes, cancellationToken);
        return new EvidenceUpload(buffer, length);
    }

    /// <summary>A read-only stream over the bytes, without copying them.</summary>
    public Stream OpenRead() => new MemoryStream(_buffer, 0, _length, writable: false);

    internal EncodedImage AsOriginal(string contentType, string extension) => new(_buffer, _length, contentType, extension);
}
