using System.Buffers.Binary;

namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>Bounds-checked reads for the structure checks: a read past the end means a truncated file.</summary>
internal static class StructureReader
{
    public static uint UInt32(ReadOnlySpan<byte> data, long offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(Slice(data, offset, 4));

    public static int Int32(ReadOnlySpan<byte> data, long offset) =>
        BinaryPrimitives.ReadInt32LittleEndian(Slice(data, offset, 4));

    public static ushort UInt16(ReadOnlySpan<byte> data, long offset) =>
        BinaryPrimitives.ReadUInt16LittleEndian(Slice(data, offset, 2));

    public static ushort UInt16BigEndian(ReadOnlySpan<byte> data, long offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(Slice(data, offset, 2));

    public static uint UInt32BigEndian(ReadOnlySpan<byte> data, long offset) =>
        BinaryPrimitives.ReadUInt32BigEndian(Slice(data, offset, 4));

    public static byte Byte(ReadOnlySpan<byte> data, long offset) => Slice(data, offset, 1)[0];

    public static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > data.Length)
        {
            throw Truncated();
        }

        return data.Slice((int)offset, (int)length);
    }

    public static EvidenceRejectedException Truncated() =>
        new(EvidenceRejectionReason.Corrupt, "The file ends before its structure does.");
}
