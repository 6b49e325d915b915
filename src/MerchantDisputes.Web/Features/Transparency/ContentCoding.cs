using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>
/// The compressed forms a kept public answer is also stored in, made once when it is kept, and the choice among
/// them for a request's Accept-Encoding (RFC 9110 §12.5.3). A kept answer is the same for every anonymous reader
/// and holds no secret, so compressing it cannot leak one (BREACH needs a secret beside reflected input).
/// </summary>
internal static class ContentCoding
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>Below this an answer is sent as it is: the saving would not pay for the work of either side.</summary>
    public const int MinBytes = 1024;

    /// <summary>Quality 6 keeps 91–98 % of quality 11's saving on our answers in a sixty-fifth of its time or less (ADR 6).</summary>
    internal const int BrotliQuality = 6;

    /// <summary>Level 9, the smallest gzip: 0.04–0.3 ms on our answers, so nothing is gained by a faster one (ADR 6).</summary>
    internal const CompressionLevel GzipLevel = CompressionLevel.SmallestSize;

    private const int BrotliWindow = 22;

    private static readonly string[] TextualTypes = ["text/", "application/json", "application/problem+json", "application/xml", "image/svg+xml"];

    /// <summary>The body in <paramref name="coding"/>; null when it is not worth sending so (under a tenth smaller).</summary>
    public static byte[]? Compress(byte[] body, string coding)
    {
        var compressed = coding == Brotli ? BrotliOf(body, BrotliQuality) : GzipOf(body, GzipLevel);
        return compressed.Length <= body.Length - (body.Length / 10) ? compressed : null;
    }

    /// <summary>Whether an answer with these headers is worth compressing: text of at least <see cref="MinBytes"/>, not yet encoded.</summary>
    public static bool IsCompressible(IEnumerable<KeyValuePair<string, StringValues>> headers, int length)
    {
        if (length < MinBytes)
        {
            return false;
        }

        var type = StringValues.Empty;
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, HeaderNames.ContentEncoding, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (string.Equals(name, HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                type = value;
            }
        }

        var media = type.ToString();
        return TextualTypes.Any(t => media.StartsWith(t, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The coding to send: the acceptable one (q &gt; 0) of those available with the highest q, Brotli on a tie,
    /// unless the request rates identity higher; null for identity. "*" stands for every coding it does not name;
    /// an element that cannot be read is left out. Reads the header in place, allocating nothing.
    /// </summary>
    public static string? Choose(StringValues acceptEncoding, bool brotli, bool gzip)
    {
        var q = new Weights();
        foreach (var value in acceptEncoding)
        {
            var rest = (value ?? string.Empty).AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var element = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? [] : rest[(comma + 1)..];
                q.Read(element);
            }
        }

        var br = brotli ? q.Of(q.Brotli) : 0;
        var gz = gzip ? q.Of(q.Gzip) : 0;
        var best = Math.Max(br, gz);
        if (best <= 0 || best < q.Identity)
        {
            return null;
        }

        return br >= gz ? Brotli : Gzip;
    }

    /// <summary>The body as Brotli at <paramref name="quality"/>, or the body itself should the encoder fail; also the codings benchmark's.</summary>
    internal static byte[] BrotliOf(byte[] body, int quality)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        return BrotliEncoder.TryCompress(body, output, out var written, quality, BrotliWindow)
            ? output.AsSpan(0, written).ToArray()
            : body;
    }

    /// <summary>The body as gzip at <paramref name="level"/>; also the codings benchmark's.</summary>
    internal static byte[] GzipOf(byte[] body, CompressionLevel level)
    {
        using var output = new MemoryStream(body.Length / 3);
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    /// <summary>The q of each coding the header names, -1 where it names none.</summary>
    private struct Weights()
    {
        public double Brotli = -1;
        public double Gzip = -1;
        public double Any = -1;
        public double Identity = -1;

        /// <summary>A coding's q: its own when named, else that of "*", else 0 (not acceptable).</summary>
        public readonly double Of(double named) => named >= 0 ? named : Math.Max(Any, 0);

        /// <summary>Reads one element, "coding" or "coding;q=0.5"; leaves it out when its q cannot be read.</summary>
        public void Read(ReadOnlySpan<char> element)
        {
            var semicolon = element.IndexOf(';');
            var coding = (semicolon < 0 ? element : element[..semicolon]).Trim();
            if (coding.IsEmpty || !TryReadQ(semicolon < 0 ? [] : element[(semicolon + 1)..], out var q))
            {
                return;
            }

            if (coding.Equals(ContentCoding.Brotli, StringComparison.OrdinalIgnoreCase))
            {
                Brotli = Math.Max(Brotli, q);
            }
            else if (coding.Equals(ContentCoding.Gzip, StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                Gzip = Math.Max(Gzip, q);
            }
            else if (coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                Identity = Math.Max(Identity, q);
            }
            else if (coding is "*")
            {
                Any = Math.Max(Any, q);
            }
        }

        private static bool TryReadQ(ReadOnlySpan<char> parameters, out double q)
        {
            q = 1;
            var trimmed = parameters.Trim();
            if (trimmed.IsEmpty)
            {
                return true;
            }

            if (trimmed.Length < 2 || (trimmed[0] is not ('q' or 'Q')) || trimmed[1] != '=')
            {
                return false;
            }

            return double.TryParse(trimmed[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q) && q is >= 0 and <= 1;
        }
    }
}
