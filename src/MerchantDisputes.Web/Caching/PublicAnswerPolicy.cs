using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MerchantDisputes.Web.Caching;

/// <summary>Marks an endpoint (API or page) whose answer is the same for every anonymous reader in one language.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublicAnswerAttribute : Attribute;

/// <summary>
/// The output cache's rule for public answers: kept for <see cref="PublicCacheOptions.CacheDuration"/> per path, the
/// query parameters the public endpoints read, the language the localisation middleware gave the request and the
/// reader's Accept-Encoding (the kept body is already compressed). Appending other parameters cannot push requests
/// through to the database. An answer is kept only when the endpoint that wrote it carries
/// <see cref="PublicAnswerAttribute"/>, answered 200 and set no cookie. While one request fetches a missing answer,
/// the others for it wait for that one (the output cache's locking).
/// </summary>
internal sealed class PublicAnswerPolicy(IOptions<PublicCacheOptions> options) : IOutputCachePolicy
{
    private static readonly StringValues VaryByQuery = new(["month", "page", "pageSize", "platform", "year"]);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var duration = options.Value.CacheDuration;
        var method = context.HttpContext.Request.Method;
        var cached = duration > TimeSpan.Zero && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method));
        context.EnableOutputCaching = cached;
        context.AllowCacheLookup = cached;
        context.AllowCacheStorage = cached;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = duration;
        context.CacheVaryByRules.QueryKeys = VaryByQuery;
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;

        // Compression names Accept-Encoding only on the answers it compresses; the plain one varies by it as well.
        context.HttpContext.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        context.CacheVaryByRules.VaryByValues["language"] =
            context.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? string.Empty;
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (http.Response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(http.Response.Headers.SetCookie)
            || http.GetEndpoint()?.Metadata.GetMetadata<PublicAnswerAttribute>() is null)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
