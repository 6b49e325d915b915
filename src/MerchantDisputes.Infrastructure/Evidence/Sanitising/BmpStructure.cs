namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>Checks that a BMP holds all the pixel data its header promises (ImageSharp 2.1 decodes a short one silently).</summary>
internal static class BmpStructure
{
    public const int MinimumLength = 26; // file header (14) + the smallest DIB header (12)

    private const int CoreHeaderSize = 12;
    private const uint Uncompressed = 0;
    private const uint BitFields = 3;
    private const uint AlphaBitFields = 6;

    public static bool IsKnownHeaderSize(uint size) => size is CoreHeaderSize or 40 or 52 or 56 or 64 or 108 or 124;

    public static void Check(ReadOnlySpan<byte> data)
    {
        var pixelOffset = StructureReader.UInt32(data, 10);
        var required = pixelOffset + PixelDataLength(data);
        if (required > data.Length)
        {
            throw StructureReader.Truncated();
        }
    }

    private static long PixelDataLength(ReadOnlySpan<byte> data)
    {
        if (StructureReader.UInt32(data, 14) == CoreHeaderSize)
        {
            return RowStride(StructureReader.UInt16(data, 18), StructureReader.UInt16(data, 24)) * StructureReader.UInt16(data, 20);
        }

        var width = StructureReader.Int32(data, 18);
        var height = Math.Abs((long)StructureReader.Int32(data, 22)); // negative height: top-down rows
        var bitsPerPixel = StructureReader.UInt16(data, 28);
        var compression = StructureReader.UInt32(data, 30);
        if (compression is Uncompressed or BitFields or AlphaBitFields)
        {
            return RowStride(width, bitsPerPixel) * height;
        }

        // Run-length encoded: only the header's own image size says how long the data is (0 when unknown).
        return StructureReader.UInt32(data, 34);
    }

    private static long RowStride(long width, int bitsPerPixel) => Math.Max(0, ((width * bitsPerPixel) + 31) / 32 * 4);
}
