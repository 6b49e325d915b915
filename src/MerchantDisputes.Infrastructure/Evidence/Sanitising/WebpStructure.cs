namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>Checks the RIFF chunks of a WebP: complete, with an image chunk, and not animated.</summary>
internal static class WebpStructure
{
    private const int RiffHeader = 12;
    private const byte AnimationFlag = 0x02;

    public static void Check(ReadOnlySpan<byte> data)
    {
        var riffEnd = 8 + (long)StructureReader.UInt32(data, 4);
        var riff = StructureReader.Slice(data, 0, riffEnd);
        var hasImage = false;
        long position = RiffHeader;
        while (position < riff.Length)
        {
            var header = StructureReader.Slice(riff, position, 8);
            var type = header[..4];
            var size = StructureReader.UInt32(header, 4);
            var payload = StructureReader.Slice(riff, position + 8, size);
            if (IsAnimation(type, payload))
            {
                throw new EvidenceRejectedException(EvidenceRejectionReason.Animated, "Animated WebP.");
            }

            hasImage |= type.SequenceEqual("VP8 "u8) || type.SequenceEqual("VP8L"u8);
            position += 8 + size + (size & 1); // chunks are padded to an even size
        }

        if (!hasImage)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "The WebP has no image chunk.");
        }
    }

    private static bool IsAnimation(ReadOnlySpan<byte> type, ReadOnlySpan<byte> payload) =>
        type.SequenceEqual("ANIM"u8) || type.SequenceEqual("ANMF"u8)
        || (type.SequenceEqual("VP8X"u8) && payload.Length > 0 && (payload[0] & AnimationFlag) != 0);
}
