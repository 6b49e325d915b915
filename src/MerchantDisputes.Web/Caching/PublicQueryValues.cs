using System.Globalization;
using System.Text.RegularExpressions;
using MerchantDisputes.Web.Features.Transparency;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace MerchantDisputes.Web.Caching;

/// <summary>
/// The one spelling of each value a public endpoint reads: "02026", " 2026" and "2026" are one year, so they must be
/// one cache entry (reached by a redirect to the canonical URL), and a value no endpoint accepts must be none.
/// </summary>
internal static partial class PublicQueryValues
{
    public enum Kind
    {
        /// <summary>The value as given is the canonical one.</summary>
        Canonical,

        /// <summary>A different spelling of a valid value, or an empty one (the same as absent).</summary>
        Respelled,

        /// <summary>No endpoint takes it.</summary>
        Invalid,
    }

    /// <summary>The canonical spelling of a known parameter's values (null: leave it out) and how it compares to the given one.</summary>
    public static (Kind Kind, string? Value) Canonical(string name, StringValues values)
    {
        if (values.Count != 1)
        {
            return values.Count == 0 ? (Kind.Respelled, null) : (Kind.Invalid, null);
        }

        var given = values[0] ?? string.Empty;
        if (string.IsNullOrWhiteSpace(given))
        {
            return (Kind.Respelled, null);
        }

        var value = name switch
        {
            "year" => Number(given, PublicQueries.MinYear, PublicQueries.MaxYear),
            "page" => Number(given, 1, PublicQueries.MaxPage),
            "pageSize" => Number(given, 1, PublicQueries.MaxPageSize),
            "month" => Month(given),
            "platform" => Slug(given),
            "culture" or "ui-culture" => Culture(given),
            _ => null,
        };
        return value is null ? (Kind.Invalid, null)
            : string.Equals(value, given, StringComparison.Ordinal) ? (Kind.Canonical, value)
            : (Kind.Respelled, value);
    }

    private static string? Number(string given, int min, int max) =>
        int.TryParse(given.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n.ToString(CultureInfo.InvariantCulture)
            : null;

    private static string? Month(string given) =>
        PublicApi.TryParseMonth(given, default, out var year, out var month)
            ? string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}")
            : null;

    /// <summary>Slugs are lower-case ASCII; whether one names a platform is the endpoint's to say (an unknown one is a 400, never cached).</summary>
    private static string? Slug(string given)
    {
        var slug = given.Trim().ToLowerInvariant();
        return SlugPattern().IsMatch(slug) ? slug : null;
    }

    private static string? Culture(string given) =>
        Cultures.Supported.FirstOrDefault(c => string.Equals(c, given.Trim(), StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("^[a-z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
