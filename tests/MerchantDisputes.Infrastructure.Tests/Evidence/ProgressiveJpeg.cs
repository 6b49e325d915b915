namespace MerchantDisputes.Infrastructure.Tests.Evidence;

/// <summary>
/// Writes a valid progressive (SOF2) greyscale JPEG by hand: one DC scan, then the same tiny AC scan repeated. Every
/// block is empty: each AC scan is a few end-of-band runs of up to 32,767 blocks, so it takes a few bytes however large
/// the image, while a decoder still walks every block of it again: the scan bomb of issue 22.
/// </summary>
public static class ProgressiveJpeg
{
    private const int LongestRun = 14;

    public static byte[] ScanBomb(int width, int height, int acScans, int frameComponents = 1)
    {
        var blocks = ((width + 7) / 8) * ((height + 7) / 8);
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);
        byte[] components = [.. Enumerable.Range(1, frameComponents).SelectMany(id => new byte[] { (byte)id, 0x11, 0 })];
        Segment(jpeg, 0xC2, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)frameComponents, .. components]);

        // DC: one code "0", category 0 (no change). AC: fifteen 4-bit codes, end-of-band runs EOB0 … EOB14.
        Segment(jpeg, 0xC4, [0x00, 1, .. new byte[15], 0x00]);
        Segment(jpeg, 0xC4, [0x10, 0, 0, 0, 15, .. new byte[12], .. Enumerable.Range(0, LongestRun + 1).Select(r => (byte)(r << 4))]);
        Scan(jpeg, spectralStart: 0, spectralEnd: 0, DcScan(blocks));
        var acScan = AcScan(blocks);
        for (var i = 0; i < acScans; i++)
        {
            Scan(jpeg, spectralStart: 1, spectralEnd: 63, acScan);
        }

        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private static byte[] DcScan(int blocks)
    {
        var bits = new BitWriter();
        for (var i = 0; i < blocks; i++)
        {
            bits.Write(0, 1);
        }

        return bits.ToArray();
    }

    /// <summary>Runs of 2^r … 2^(r+1) − 1 blocks: the 4-bit code of EOBr, then r bits of the run's extra length.</summary>
    private static byte[] AcScan(int blocks)
    {
        var bits = new BitWriter();
        var remaining = blocks;
        while (remaining > 0)
        {
            var r = Math.Min(LongestRun, (int)Math.Log2(remaining));
            var run = Math.Min(remaining, (1 << (r + 1)) - 1);
            bits.Write(r, 4);
            bits.Write(run - (1 << r), r);
            remaining -= run;
        }

        return bits.ToArray();
    }

    private static void Scan(MemoryStream jpeg, byte spectralStart, byte spectralEnd, byte[] data)
    {
        Segment(jpeg, 0xDA, [1, 1, 0x00, spectralStart, spectralEnd, 0x00]);
        jpeg.Write(data);
    }

    private static void Segment(MemoryStream jpeg, byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        jpeg.Write([0xFF, marker, (byte)(length >> 8), (byte)length]);
        jpeg.Write(payload);
    }

    /// <summary>Most significant bit first, padded with one bits, 0xFF followed by a stuffed 0x00.</summary>
    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _current;
        private int _used;

        public void Write(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                _current = (_current << 1) | ((value >> i) & 1);
                if (++_used == 8)
                {
                    Flush();
                }
            }
        }

        public byte[] ToArray()
        {
            while (_used != 0)
            {
                Write(1, 1);
            }

            return [.. _bytes];
        }

        private void Flush()
        {
            _bytes.Add((byte)_current);
            if (_current == 0xFF)
            {
                _bytes.Add(0x00);
            }

            _current = 0;
            _used = 0;
        }
    }
}
