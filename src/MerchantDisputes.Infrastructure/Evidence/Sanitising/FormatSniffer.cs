namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>Recognises a format by its first bytes only: file names and client content types lie.</summary>
internal static class FormatSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Gif87a => "GIF87a"u8;

    private static ReadOnlySpan<byte> Gif89a => "GIF89a"u8;

    private static ReadOnlySpan<byte> Riff => "RIFF"u8;

    private static ReadOnlySpan<byte> Webp => "WEBP"u8;

    public static EvidenceImageFormat? Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return EvidenceImageFormat.Png;
        }

        if (data.StartsWith(JpegSignature))
        {
            return EvidenceImageFormat.Jpeg;
        }

        if (data.StartsWith(Gif87a) || data.StartsWith(Gif89a))
        {
            return EvidenceImageFormat.Gif;
        }

        if (data.Length >= 12 && data.StartsWith(Riff) && data.Slice(8, 4).SequenceEqual(Webp))
        {
            return EvidenceImageFormat.WebP;
        }

        return LooksLikeBmp(data) ? EvidenceImageFormat.Bmp : null;
    }

    // "BM" alone would take any text starting with those letters for a bitmap, so the
    // reserved fields must be zero and the DIB header size one that a real BMP uses.
    private static bool LooksLikeBmp(ReadOnlySpan<byte> data)
    {
        if (data.Length < BmpStructure.MinimumLength || data[0] != (byte)'B' || data[1] != (byte)'M')
        {
            return false;
        }

        var reservedAreZero = data.Slice(6, 4).IndexOfAnyExcept((byte)0) < 0;
        return reservedAreZero && BmpStructure.IsKnownHeaderSize(StructureReader.UInt32(data, 14));
    }
}
