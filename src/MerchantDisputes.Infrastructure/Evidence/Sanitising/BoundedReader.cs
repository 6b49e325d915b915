namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>Reads an upload into memory without ever reading more than the limit + 1 bytes.</summary>
internal static class BoundedReader
{
    private const int ChunkSize = 81_920;

    /// <summary>Returns the buffer and how many bytes of it are the upload.</summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var expected = KnownRemainingLength(source);
        if (expected > maxBytes)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.TooLarge);
        }

        // One byte past the limit is enough to know the upload is too large.
        var readLimit = maxBytes + 1;
        using var buffer = new MemoryStream(expected is { } length ? (int)length : ChunkSize);
        var chunk = new byte[(int)Math.Min(ChunkSize, readLimit)];
        while (buffer.Length < readLimit)
        {
            var wanted = (int)Math.Min(chunk.Length, readLimit - buffer.Length);
            var read = await source.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length > maxBytes)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.TooLarge);
        }

        if (buffer.Length == 0)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Empty);
        }

        // GetBuffer avoids a second copy of up to MaxFileBytes; callers use only the first Length bytes.
        return (buffer.GetBuffer(), (int)buffer.Length);
    }

    private static long? KnownRemainingLength(Stream source)
    {
        try
        {
            return source.CanSeek ? source.Length - source.Position : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
