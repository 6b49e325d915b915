using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace MerchantDisputes.Web.Caching;

/// <summary>Marks an endpoint (API or page) whose answer is the same for every anonymous reader in one language.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublicAnswerAttribute : Attribute;

/// <summary>
/// Public answers (the endpoints marked <see cref="PublicAnswerAttribute"/>) are cached by <see cref="PublicAnswerCache"/>
/// in a branch of the pipeline taken only by GET and HEAD requests whose path starts with a marked route's literal
/// part, after localisation and before routing, authentication and the rest (docs/performance.md). Page requests that
/// may be signed in (the sign-in cookie or an Authorization header, valid or not) stay out of the branch: the layout
/// shows the reader's name. The public API's answers are the same for every caller (its handlers read nothing of the
/// caller, tested), so signed-in callers share them.
/// </summary>
public static class PublicAnswers
{
    /// <summary>An answer larger than this is served but not cached.</summary>
    public const int MaxAnswerBytes = 1 << 20;

    /// <summary>The cached answers, in every form, together stay under this; past it new ones are served but not cached.</summary>
    public const long MaxCachedBytes = 64L << 20;

    /// <summary>The rate-limiting policy of every public endpoint: it runs after the cache, so it counts computed answers only.</summary>
    public const string UncachedPolicy = "public-uncached";

    public static void AddPublicAnswers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PublicCacheOptions>().BindConfiguration(PublicCacheOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(UncachedPolicy, context =>
        {
            var permits = context.RequestServices.GetRequiredService<IOptions<PublicCacheOptions>>().Value.UncachedPerMinute;
            return Infrastructure.Protection.FixedWindow("public:" + context.Connection.RemoteIpAddress, permits, TimeSpan.FromMinutes(1));
        }));
        builder.Services.AddSingleton<PublicAnswerCache>();
        builder.Services.AddSingleton<PublicAnswerRequests>();
    }

    /// <summary>After <c>UseRequestLocalization</c> (the language is part of the key) and before routing.</summary>
    public static void UsePublicAnswers(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var requests = app.ApplicationServices.GetRequiredService<PublicAnswerRequests>();
        var cache = app.ApplicationServices.GetRequiredService<PublicAnswerCache>();
        app.UseWhen(requests.MayBeCached, branch => branch.Use(cache.InvokeAsync));
    }
}

/// <summary>Which requests take the public answers' branch, decided before routing from the path and the headers.</summary>
internal sealed class PublicAnswerRequests(
    IOptionsMonitor<CookieAuthenticationOptions> cookies,
    EndpointDataSource endpoints)
{
    private readonly Lazy<string[]> _prefixes = new(() => PublicPrefixes(endpoints));
    private readonly Lazy<string?> _signInCookie = new(() => cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name);

    public bool MayBeCached(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            || (MayBeSignedIn(request) && !Infrastructure.HostingExtensions.IsApi(context)))
        {
            return false;
        }

        foreach (var prefix in _prefixes.Value)
        {
            if (request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The path as the public route spells it: its literal prefix in the route's case (routing ignores case, the cache
    /// key does not), the rest lower-case (slugs, "2026.csv"), numbers without leading zeros, no empty segments.
    /// </summary>
    public string CanonicalPath(PathString path)
    {
        var value = path.Value ?? "/";
        var prefix = _prefixes.Value.Where(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)).MaxBy(p => p.Length);
        if (prefix is null)
        {
            return value;
        }

        var rest = value[prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(CanonicalSegment);
        return prefix + string.Concat(rest.Select(s => "/" + s));
    }

    private static string CanonicalSegment(string segment)
    {
        var lower = segment.ToLowerInvariant();
        var trimmed = lower.TrimStart('0');
        return trimmed.Length == lower.Length ? lower
            : trimmed.Length > 0 && char.IsAsciiDigit(trimmed[0]) ? trimmed
            : "0" + trimmed;
    }

    /// <summary>The request carries the sign-in cookie or an Authorization header, valid or not.</summary>
    private bool MayBeSignedIn(HttpRequest request) =>
        !StringValues.IsNullOrEmpty(request.Headers.Authorization)
        || (_signInCookie.Value is { } name && request.Cookies.ContainsKey(name));

    /// <summary>The leading literal segments of every public endpoint's route, e.g. "/api/v1/public/stats", "/reports".</summary>
    internal static string[] PublicPrefixes(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PublicAnswerAttribute>() is not null)
            .Select(e => LiteralPrefix(e.RoutePattern))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

    private static string LiteralPrefix(RoutePattern pattern)
    {
        var literal = pattern.PathSegments
            .TakeWhile(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart)
            .Select(s => ((RoutePatternLiteralPart)s.Parts[0]).Content);
        var prefix = "/" + string.Join('/', literal);
        return prefix.Length > 1 ? prefix
            : throw new InvalidOperationException($"A public answer's route must start with a literal segment: {pattern.RawText}");
    }
}
