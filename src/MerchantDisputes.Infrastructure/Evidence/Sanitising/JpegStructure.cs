namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// Checks that a JPEG reaches its end-of-image marker. ImageSharp 2.1 decodes a truncated JPEG
/// and paints the missing part grey; a cut-off screenshot must be sent again instead.
/// </summary>
internal static class JpegStructure
{
    private const byte Marker = 0xFF;
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    public static void Check(ReadOnlySpan<byte> data)
    {
        var scanData = StartOfScanData(data);

        // Inside entropy-coded data 0xFF is always followed by 0x00 or a restart marker,
        // so an FF D9 pair after the first scan header is the end of the image.
        if (data[scanData..].IndexOf([Marker, EndOfImage]) < 0)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "The JPEG has no end-of-image marker.");
        }
    }

    /// <summary>Walks the marker segments from SOI to the first SOS and returns where its scan data starts.</summary>
    private static int StartOfScanData(ReadOnlySpan<byte> data)
    {
        var position = 2;
        while (true)
        {
            position = NextMarker(data, position);
            var marker = data[position];
            position++;
            if (IsStandalone(marker))
            {
                continue;
            }

            if (marker == EndOfImage)
            {
                throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "The JPEG ends before any image data.");
            }

            int length = StructureReader.UInt16BigEndian(data, position);
            if (length < 2)
            {
                throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "A JPEG segment has an impossible length.");
            }

            _ = StructureReader.Slice(data, position, length);
            position += length;
            if (marker == StartOfScan)
            {
                return position;
            }
        }
    }

    /// <summary>Skips stray bytes and fill bytes the way libjpeg does, returning the position of the marker code.</summary>
    private static int NextMarker(ReadOnlySpan<byte> data, int position)
    {
        var start = data[position..].IndexOf(Marker);
        if (start < 0)
        {
            throw StructureReader.Truncated();
        }

        position += start;
        while (position < data.Length && data[position] == Marker)
        {
            position++;
        }

        return position < data.Length ? position : throw StructureReader.Truncated();
    }

    private static bool IsStandalone(byte marker) => marker is 0x01 or (>= 0xD0 and <= 0xD7) or 0xD8;
}
