using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MerchantDisputes.Web.Caching;

/// <summary>Which form of a cached answer a request takes, from its Accept-Encoding (RFC 9110 §12.5.3).</summary>
internal static class ContentCodings
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>
    /// The acceptable coding (q &gt; 0) of those available with the highest q, Brotli on a tie, unless the request
    /// rates identity higher; null for identity. "*" stands for every coding the header does not name; a header
    /// that cannot be read gets identity.
    /// </summary>
    public static string? Choose(StringValues acceptEncoding, bool brotli, bool gzip)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding) || (!brotli && !gzip)
            || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings))
        {
            return null;
        }

        double? br = null, gz = null, identity = null, any = null;
        foreach (var coding in codings)
        {
            var q = coding.Quality ?? 1;
            var name = coding.Value;
            if (name.Equals(Brotli, StringComparison.OrdinalIgnoreCase)) br = Math.Max(br ?? 0, q);
            else if (name.Equals(Gzip, StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)) gz = Math.Max(gz ?? 0, q);
            else if (name.Equals("identity", StringComparison.OrdinalIgnoreCase)) identity = Math.Max(identity ?? 0, q);
            else if (name.Equals("*", StringComparison.Ordinal)) any = Math.Max(any ?? 0, q);
        }

        var brQ = brotli ? br ?? any ?? 0 : 0;
        var gzQ = gzip ? gz ?? any ?? 0 : 0;
        var best = Math.Max(brQ, gzQ);
        return best <= 0 || best < (identity ?? 0) ? null : brQ >= gzQ ? Brotli : Gzip;
    }
}
