namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>
/// Walks a JPEG's segments from start to end-of-image before anything is decoded. ImageSharp 2.1 decodes a truncated
/// JPEG and paints the missing part grey; a cut-off screenshot must be sent again instead. The walk also limits what
/// the file may ask of the decoder: every scan (SOS) makes it visit every block again, so a small progressive file that
/// repeats a tiny scan thousands of times costs minutes of CPU (issue 22); one frame, at most four components, a
/// bounded number of tables.
/// </summary>
internal static class JpegStructure
{
    /// <summary>Four Huffman and four quantisation tables per scan cover every encoder seen; thousands are a bomb.</summary>
    public const int MaxTablesPerScan = 8;

    /// <summary>JPEG allows 255 components; a screenshot has 1 (grey), 3 (YCbCr) or 4 (CMYK).</summary>
    public const int MaxComponents = 4;

    private const byte Marker = 0xFF;
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;
    private const byte DefineHuffmanTables = 0xC4;
    private const byte DefineQuantisationTables = 0xDB;

    public static void Check(ReadOnlySpan<byte> data, EvidenceLimits limits)
    {
        var counts = new Counts();
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
                EnsureImageData(counts);
                return;
            }

            int length = StructureReader.UInt16BigEndian(data, position);
            if (length < 2)
            {
                throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "A JPEG segment has an impossible length.");
            }

            var segment = StructureReader.Slice(data, position + 2, length - 2);
            position += length;
            Count(marker, segment, counts, limits);
            if (marker == StartOfScan)
            {
                position = EndOfEntropyData(data, position);
            }
        }
    }

    private static void Count(byte marker, ReadOnlySpan<byte> segment, Counts counts, EvidenceLimits limits)
    {
        if (IsStartOfFrame(marker))
        {
            counts.Frames++;
            CheckComponents(segment.Length > 5 ? segment[5] : 0, "frame");
            if (counts.Frames > 1)
            {
                throw TooComplex("more than one frame header");
            }
        }
        else if (marker == StartOfScan)
        {
            counts.Scans++;
            CheckComponents(segment.Length > 0 ? segment[0] : 0, "scan");
            if (counts.Scans > limits.MaxJpegScans)
            {
                throw TooComplex($"more than {limits.MaxJpegScans} scans");
            }
        }
        else if (marker is DefineHuffmanTables or DefineQuantisationTables)
        {
            counts.Tables++;
            if (counts.Tables > MaxTablesPerScan * (counts.Scans + 1))
            {
                throw TooComplex($"{counts.Tables} table segments for {counts.Scans} scans");
            }
        }
    }

    private static void CheckComponents(int components, string where)
    {
        if (components is < 1 or > MaxComponents)
        {
            throw TooComplex($"{components} components in a {where} header");
        }
    }

    private static void EnsureImageData(Counts counts)
    {
        if (counts.Scans == 0 || counts.Frames == 0)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "The JPEG ends before any image data.");
        }
    }

    /// <summary>
    /// Inside entropy-coded data 0xFF is always followed by 0x00 (a stuffed byte), a restart marker or fill bytes, so
    /// the first FF with any other code after it is the next segment's marker.
    /// </summary>
    private static int EndOfEntropyData(ReadOnlySpan<byte> data, int position)
    {
        while (true)
        {
            var next = data[position..].IndexOf(Marker);
            if (next < 0)
            {
                throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "The JPEG has no end-of-image marker.");
            }

            position += next;
            var code = position + 1 < data.Length ? data[position + 1] : throw StructureReader.Truncated();
            if (code is not (0x00 or Marker or (>= 0xD0 and <= 0xD7)))
            {
                return position;
            }

            position += code == Marker ? 1 : 2;
        }
    }

    /// <summary>Skips stray bytes and fill bytes the way libjpeg does, returning the position of the marker code.</summary>
    private static int NextMarker(ReadOnlySpan<byte> data, int position)
    {
        var start = position < data.Length ? data[position..].IndexOf(Marker) : -1;
        if (start < 0)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "The JPEG has no end-of-image marker.");
        }

        position += start;
        while (position < data.Length && data[position] == Marker)
        {
            position++;
        }

        return position < data.Length ? position : throw StructureReader.Truncated();
    }

    private static bool IsStandalone(byte marker) => marker is 0x01 or (>= 0xD0 and <= 0xD7) or 0xD8;

    /// <summary>SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).</summary>
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (DefineHuffmanTables or 0xC8 or 0xCC);

    private static EvidenceRejectedException TooComplex(string detail) =>
        new(EvidenceRejectionReason.TooComplex, $"The JPEG has {detail}.");

    private sealed class Counts
    {
        public int Frames { get; set; }
        public int Scans { get; set; }
        public int Tables { get; set; }
    }
}
