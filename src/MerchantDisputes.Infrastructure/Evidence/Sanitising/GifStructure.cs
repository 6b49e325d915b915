namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// Walks the GIF blocks to the trailer, counting frames without decoding any of them
/// (ImageSharp 2.1 identifies a GIF without telling how many frames it has).
/// </summary>
internal static class GifStructure
{
    private const int HeaderAndScreenDescriptor = 13;
    private const byte ExtensionIntroducer = 0x21;
    private const byte ImageSeparator = 0x2C;
    private const byte Trailer = 0x3B;

    public static void Check(ReadOnlySpan<byte> data, EvidenceLimits limits)
    {
        var position = HeaderAndScreenDescriptor + ColorTableLength(StructureReader.Byte(data, 10));
        var frames = 0;
        while (true)
        {
            var block = StructureReader.Byte(data, position);
            switch (block)
            {
                case Trailer when frames > 0:
                    return;
                case ExtensionIntroducer:
                    position = SkipSubBlocks(data, position + 2);
                    break;
                case ImageSeparator:
                    frames++;
                    if (frames > 1)
                    {
                        throw new EvidenceRejectedException(EvidenceRejectionReason.Animated, "GIF with more than one frame.");
                    }

                    position = SkipImage(data, position, limits);
                    break;
                default:
                    throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "Unexpected GIF block.");
            }
        }
    }

    /// <summary>Checks the frame's own size too: the decoder allocates it, whatever the screen size says.</summary>
    private static int SkipImage(ReadOnlySpan<byte> data, int position, EvidenceLimits limits)
    {
        var descriptor = StructureReader.Slice(data, position, 10);
        int width = StructureReader.UInt16(descriptor, 5);
        int height = StructureReader.UInt16(descriptor, 7);
        if ((long)width * height > limits.MaxPixels || width > limits.MaxSide || height > limits.MaxSide)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.TooManyPixels, "A GIF frame is larger than allowed.");
        }

        var afterColorTable = position + 10 + ColorTableLength(descriptor[9]);
        _ = StructureReader.Byte(data, afterColorTable); // LZW minimum code size
        return SkipSubBlocks(data, afterColorTable + 1);
    }

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            var size = StructureReader.Byte(data, position);
            position += 1 + size;
            if (size == 0)
            {
                return position;
            }
        }
    }

    private static int ColorTableLength(byte packedFields) =>
        (packedFields & 0x80) == 0 ? 0 : 3 * (1 << ((packedFields & 0x07) + 1));
}
