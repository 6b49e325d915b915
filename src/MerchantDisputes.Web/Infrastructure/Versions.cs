using System.Globalization;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>A case's version as an HTTP entity tag: ETag on answers, If-Match on changes.</summary>
public static class Versions
{
    public static string ETag(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>If-Match: "7" → 7. Absent or unreadable means the caller does not ask for the check.</summary>
    public static int? IfMatch(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var value = http.Request.Headers.IfMatch.ToString().Trim().Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }
}
