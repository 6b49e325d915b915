using System.IO.Compression;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace MerchantDisputes.Web.Caching;

/// <summary>
/// Public answers (the endpoints marked <see cref="PublicAnswerAttribute"/>) go through ASP.NET Core's output cache
/// and, inside it, response compression: a kept answer is compressed once when it is kept and sent as stored
/// (ADR 6). Both run in a branch of the pipeline taken only by requests whose path starts with a marked route's
/// literal part, after localisation and before routing, authentication and the rest (docs/performance.md). Page
/// requests that may be signed in (the sign-in cookie or an Authorization header, valid or not) stay out of the
/// branch: the layout shows the reader's name. The public API's answers are the same for every caller (its handlers
/// read nothing of the caller, tested), so signed-in callers share them.
/// </summary>
public static class PublicAnswers
{
    /// <summary>An answer larger than this is served but not kept.</summary>
    public const int MaxAnswerBytes = 1 << 20;

    /// <summary>The kept answers together stay under this (every URL × language × encoding); past it new ones are served but not kept.</summary>
    public const long MaxCachedBytes = 64L << 20;

    /// <summary>Quality 6 keeps 91–98 % of quality 11's saving on our answers in a sixty-fifth of its time or less (ADR 6).</summary>
    public const int BrotliQuality = 6;

    public static void AddPublicAnswers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PublicCacheOptions>().BindConfiguration(PublicCacheOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IOutputCacheStore>(sp =>
            new OutputCacheMemoryStore(MemoryCaches.Create(sp.GetRequiredService<TimeProvider>(), MaxCachedBytes)));
        services.AddOutputCache(o => o.MaximumBodySize = MaxAnswerBytes);
        services.AddOptions<OutputCacheOptions>()
            .Configure<IOptions<PublicCacheOptions>>((o, cache) => o.AddBasePolicy(new PublicAnswerPolicy(cache)));

        // The answers compressed here are the same for every reader and hold no secret, so compressing them over
        // HTTPS cannot leak one (BREACH needs a secret beside reflected input).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/csv", "application/problem+json", "image/svg+xml"];
        });
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.SmallestSize);
        services.AddSingleton<PublicAnswerRequests>();
    }

    public static void UsePublicAnswers(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var requests = app.ApplicationServices.GetRequiredService<PublicAnswerRequests>();
        app.UseWhen(requests.MayBeCached, branch => branch.UseOutputCache().UseResponseCompression());
    }

    /// <summary>Brotli at <see cref="BrotliQuality"/>, which <see cref="BrotliCompressionProviderOptions"/> cannot name.</summary>
    private sealed class BrotliProvider : ICompressionProvider
    {
        public string EncodingName => "br";

        public bool SupportsFlush => true;

        public Stream CreateStream(Stream outputStream) =>
            new BrotliStream(outputStream, new BrotliCompressionOptions { Quality = BrotliQuality }, leaveOpen: true);
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
