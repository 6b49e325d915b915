using System.IO.Hashing;
using static MerchantDisputes.Infrastructure.Evidence.Sanitising.StructureReader;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// Walks the PNG chunks up to IEND, checking each CRC. ImageSharp 2.1 decodes a PNG cut in the
/// middle of its image data without complaint, filling the rest: evidence must not be silently incomplete.
/// </summary>
internal static class PngStructure
{
    private const int SignatureLength = 8;
    private const int ChunkOverhead = 12; // length, type, CRC

    public static void Check(ReadOnlySpan<byte> data)
    {
        long position = SignatureLength;
        var first = true;
        while (true)
        {
            var length = UInt32BigEndian(data, position);
            var chunk = Slice(data, position, ChunkOverhead + (long)length);
            var type = chunk.Slice(4, 4);
            if (first && !type.SequenceEqual("IHDR"u8))
            {
                throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "The first PNG chunk is not IHDR.");
            }

            CheckCrc(chunk, length);
            if (type.SequenceEqual("acTL"u8) && UInt32BigEndian(chunk, 8) > 1)
            {
                throw new EvidenceRejectedException(EvidenceRejectionReason.Animated, "APNG with more than one frame.");
            }

            if (type.SequenceEqual("IEND"u8))
            {
                // Whatever follows IEND (an appended HTML page, a ZIP) is dropped by re-encoding.
                return;
            }

            position += chunk.Length;
            first = false;
        }
    }

    private static void CheckCrc(ReadOnlySpan<byte> chunk, uint length)
    {
        var typeAndData = chunk.Slice(4, 4 + (int)length);
        var stored = UInt32BigEndian(chunk, 8 + (int)length);
        if (Crc32.HashToUInt32(typeAndData) != stored)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "A PNG chunk fails its CRC.");
        }
    }
}
