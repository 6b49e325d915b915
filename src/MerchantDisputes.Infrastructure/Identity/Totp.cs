using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MerchantDisputes.Infrastructure.Identity;

/// <summary>
/// RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1 over the number of
/// 30-second steps since 1970, six digits. The key is the RFC 4648 Base32 text Identity stores and the app scans.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Code(string base32Key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; HMAC does not rest on SHA-1's collision resistance.
        HMACSHA1.HashData(Base32.Decode(base32Key), counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True for six ASCII digits, spaces and dashes aside (apps show "123 456").</summary>
    public static bool TryNormalize(string? input, out string code)
    {
        code = new string((input ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());
        return code.Length == Digits && code.All(char.IsAsciiDigit);
    }
}

/// <summary>RFC 4648 Base32 (A–Z, 2–7), no padding, as authenticator keys are written.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = text.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new byte[clean.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("The key is not Base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[index++] = (byte)(buffer >> bits);
            }
        }

        return bytes;
    }
}
