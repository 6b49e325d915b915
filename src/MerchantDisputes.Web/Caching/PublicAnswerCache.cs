using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace MerchantDisputes.Web.Caching;

/// <summary>
/// Caches public answers for <see cref="PublicCacheOptions.CacheDuration"/> per path, the query parameters the public
/// endpoints read and the language <c>UseRequestLocalization</c> gave the request (a URL with any other parameter is
/// redirected to the one without it), and answers from there before
/// routing, authentication and the rest (ADR 6: ASP.NET Core's output cache did the same work at 65 % of the bare
/// endpoint where this does it above 70 %, docs/performance.md). An answer is cached only when the endpoint that wrote it
/// carries <see cref="PublicAnswerAttribute"/>, answered a GET with 200 and set no cookie. It is cached with its
/// compressed forms (<see cref="CachedAnswer"/>) and sent in the one the reader's Accept-Encoding rates highest. While
/// one request fetches a missing answer, the others for it wait for that one: a spike costs one database read per URL
/// and language.
/// </summary>
internal sealed class PublicAnswerCache(IOptions<PublicCacheOptions> options, TimeProvider time, PublicAnswerRequests requests) : IDisposable
{
    /// <summary>Only these parameters vary the key, so appending others cannot push requests through to the database.</summary>
    private static readonly string[] VaryByQuery = ["month", "page", "pageSize", "platform", "year"];

    /// <summary>Read by the localisation middleware, which already gave the request its language.</summary>
    private static readonly string[] CultureParameters = ["culture", "ui-culture"];

    /// <summary>Set by the server per response, or by this cache; never copied from a cached answer.</summary>
    private static readonly HashSet<string> UncachedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Age", "Content-Length", "Transfer-Encoding", "Connection", "Set-Cookie",
    };

    private readonly MemoryCache _answers = MemoryCaches.Create(time, PublicAnswers.MaxCachedBytes);
    private readonly ConcurrentDictionary<string, Task<CachedAnswer?>> _fetches = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var duration = options.Value.CacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            await next(context);
            return;
        }

        var request = context.Request;
        var (canonical, query) = Canonical(request);
        if (query == Query.Invalid && HostingExtensions.IsApi(context))
        {
            // A value no endpoint takes: the endpoint answers 400 with the field named, and nothing is cached.
            await next(context);
            return;
        }

        if (!string.Equals(canonical, request.PathBase + request.Path + request.QueryString, StringComparison.Ordinal))
        {
            // One URL per answer: another spelling of the same values (02026, %202026, /API/…, a trailing slash, an
            // unknown parameter, a language no one speaks) is sent to the canonical URL and never gets an entry of its
            // own. Pages reflect their query string (the language switch's return link), so nothing else may reach the key.
            context.Response.Redirect(canonical);
            return;
        }

        if (query == Query.Culture)
        {
            await next(context);
            return;
        }

        var key = KeyOf(context);
        if (_answers.Get<CachedAnswer>(key) is { } cached)
        {
            await ServeAsync(context, cached);
            return;
        }

        var mine = new TaskCompletionSource<CachedAnswer?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fetch = _fetches.GetOrAdd(key, mine.Task);
        if (fetch != mine.Task)
        {
            await ServeFetchedAsync(context, next, fetch);
            return;
        }

        try
        {
            var fetched = await FetchAsync(context, next);
            if (fetched is not null)
            {
                _answers.Set(key, fetched, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = duration, Size = fetched.Size });
            }

            mine.SetResult(fetched);
        }
        catch
        {
            mine.SetResult(null);
            throw;
        }
        finally
        {
            _fetches.TryRemove(new KeyValuePair<string, Task<CachedAnswer?>>(key, mine.Task));
        }
    }

    public void Dispose() => _answers.Dispose();

    /// <summary>Another request is fetching this answer: wait for it, or go through when it could not be cached.</summary>
    private async Task ServeFetchedAsync(HttpContext context, RequestDelegate next, Task<CachedAnswer?> fetch)
    {
        if (await fetch.WaitAsync(context.RequestAborted) is { } fetched)
        {
            await ServeAsync(context, fetched);
            return;
        }

        await next(context);
    }

    /// <summary>Runs the request with its body copied aside; the answer to cache when it may be cached, else null.</summary>
    private async Task<CachedAnswer?> FetchAsync(HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        var original = response.Body;
        using var copy = new CopyingStream(original, PublicAnswers.MaxAnswerBytes);
        response.Body = copy;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        var cacheable = HttpMethods.IsGet(context.Request.Method)
            && response.StatusCode == StatusCodes.Status200OK
            && StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            && context.GetEndpoint()?.Metadata.GetMetadata<PublicAnswerAttribute>() is not null;
        return cacheable && copy.Copied is { } body
            ? CachedAnswer.Of(response.Headers.Where(h => !UncachedHeaders.Contains(h.Key)).ToArray(), body, time.GetUtcNow())
            : null;
    }

    private async Task ServeAsync(HttpContext context, CachedAnswer answer)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }

        var age = (long)Math.Max(0, (time.GetUtcNow() - answer.StoredAt).TotalSeconds);
        response.Headers.Age = age.ToString(CultureInfo.InvariantCulture);
        var coding = ContentCodings.Choose(context.Request.Headers.AcceptEncoding, answer.Brotli is not null, answer.Gzip is not null);
        if (coding is not null)
        {
            response.Headers.ContentEncoding = coding;
        }

        var body = answer.BodyFor(coding);
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private enum Query
    {
        Known,

        /// <summary>A language chosen in the query: answered, never cached (the page reflects it).</summary>
        Culture,

        /// <summary>A known parameter with a value no endpoint takes.</summary>
        Invalid,
    }

    /// <summary>
    /// The canonical URL of the request: the path as its route spells it, then the known parameters in a fixed order with
    /// their values canonical (<see cref="PublicQueryValues"/>), then a supported language; unknown parameters, empty
    /// and invalid values (an invalid language too) are left out.
    /// </summary>
    private (string Url, Query Query) Canonical(HttpRequest request)
    {
        var query = Query.Known;
        var kept = new List<KeyValuePair<string, string?>>();
        foreach (var name in VaryByQuery.Concat(CultureParameters))
        {
            if (!request.Query.TryGetValue(name, out var values))
            {
                continue;
            }

            var (kind, value) = PublicQueryValues.Canonical(name, values);
            var isCulture = CultureParameters.Contains(name);
            if (kind == PublicQueryValues.Kind.Invalid && !isCulture)
            {
                query = Query.Invalid;
            }

            if (value is not null)
            {
                kept.Add(new(name, value));
                query = isCulture && query == Query.Known ? Query.Culture : query;
            }
        }

        return (request.PathBase + requests.CanonicalPath(request.Path) + QueryString.Create(kept), query);
    }

    /// <summary>The language the request was given, the path and the known query parameters in a fixed order.</summary>
    private static string KeyOf(HttpContext context)
    {
        var language = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name;
        var request = context.Request;
        var key = new StringBuilder(96).Append(language).Append(' ').Append(request.Path.Value);
        foreach (var name in VaryByQuery)
        {
            if (request.Query.TryGetValue(name, out var value))
            {
                key.Append('\n').Append(name).Append('=').Append(value.ToString());
            }
        }

        return key.ToString();
    }
}
