using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>Marks an endpoint (API or page) whose answer is the same for every anonymous reader in one language.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublicAnswerAttribute : Attribute;

/// <summary>
/// Keeps public answers in memory for <see cref="PublicOptions.CacheDuration"/> per URL (its known query parameters)
/// and language, and answers from there before localization, routing, authentication and the rest
/// (docs/performance.md: ASP.NET Core's output cache rebuilt each kept answer from its stored form on every hit).
/// No endpoint is known yet where it runs: a request is looked up when its path starts with the literal part of a
/// <see cref="PublicAnswerAttribute"/> endpoint's route, and an answer is kept only when the endpoint that produced it
/// carries the marker, answered a GET with 200 and set no cookie. Page requests that may be signed in (the sign-in
/// cookie or an Authorization header, valid or not) are neither answered from here nor kept, so a signed-in reader,
/// whose layout shows their name, never gets a page kept for somebody else. The public API's answers are data about
/// the platforms, the same for every caller (its endpoints read nothing of the caller, tested), so signed-in callers
/// share them: otherwise every read by a signed-in app would compute a year's statistics afresh. While one request
/// fetches an answer that is missing or out of date, others for it wait for that one, or get the one before it for up
/// to another duration, so a spike of readers costs one database read per URL and language. A kept text answer is
/// also stored compressed (Brotli and gzip, <see cref="ContentCoding"/>) and sent so to readers whose Accept-Encoding
/// takes it: a fifth of the bytes for a phone, and of the work of sending them.
/// </summary>
public sealed class PublicCache(
    IOptions<PublicOptions> options,
    IOptions<RequestLocalizationOptions> localization,
    IOptionsMonitor<CookieAuthenticationOptions> cookies,
    EndpointDataSource endpoints,
    TimeProvider time)
{
    /// <summary>How deep <see cref="RequestLocalizationMiddleware"/> walks a culture's parents (its constant).</summary>
    private const int MaxParentDepth = 5;

    /// <summary>At most this many answers are kept (URLs × languages); more are served but not kept.</summary>
    public const int MaxAnswers = 2_000;

    /// <summary>An answer larger than this is served but not kept.</summary>
    public const int MaxAnswerBytes = 1 << 20;

    /// <summary>The kept answers' bodies, in every form kept, together stay under this; past it new answers are served but not kept.</summary>
    public const long MaxKeptBytes = 64L << 20;

    /// <summary>
    /// Only the parameters the public endpoints read vary the key (with the language), so appending random
    /// parameters cannot be used to push every request through to the database.
    /// </summary>
    private static readonly string[] VaryByQuery = ["culture", "month", "page", "pageSize", "platform", "ui-culture", "year"];

    /// <summary>Set by the server per response, or by this cache; never copied from a kept answer.</summary>
    private static readonly HashSet<string> UnkeptHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Age", "Content-Length", "Transfer-Encoding", "Connection", "Set-Cookie",
    };

    private readonly ConcurrentDictionary<string, Answer> answers = new(StringComparer.Ordinal);
    private long keptBytes;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Answer?>> fetches = new(StringComparer.Ordinal);
    private readonly Lazy<string[]> prefixes = new(() => PublicPrefixes(endpoints));
    private readonly Lazy<string?> signInCookie = new(() => cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var duration = options.Value.CacheDuration;
        if (duration <= TimeSpan.Zero || !IsCandidate(context))
        {
            await next(context);
            return;
        }

        var key = KeyOf(context.Request, await LanguageOfAsync(context));
        var now = time.GetUtcNow();
        answers.TryGetValue(key, out var kept);
        if (kept is not null && now < kept.StoredAt + duration)
        {
            await ServeAsync(context, kept, now);
            return;
        }

        var mine = new TaskCompletionSource<Answer?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fetch = fetches.GetOrAdd(key, mine);
        if (fetch != mine)
        {
            await ServeWhileFetchedAsync(context, next, fetch.Task, kept, now);
            return;
        }

        try
        {
            var fetched = await FetchAsync(context, next, now);
            Keep(key, fetched);
            mine.SetResult(fetched);
        }
        catch
        {
            mine.SetResult(null);
            throw;
        }
        finally
        {
            fetches.TryRemove(new KeyValuePair<string, TaskCompletionSource<Answer?>>(key, mine));
        }
    }

    /// <summary>Another request is fetching this answer: the one before it while not too old, or the fetched one.</summary>
    private async Task ServeWhileFetchedAsync(
        HttpContext context, RequestDelegate next, Task<Answer?> fetch, Answer? kept, DateTimeOffset now)
    {
        if (kept is not null && IsServable(kept, now))
        {
            await ServeAsync(context, kept, now);
            return;
        }

        var fetched = await fetch.WaitAsync(context.RequestAborted);
        if (fetched is null)
        {
            await next(context);
            return;
        }

        await ServeAsync(context, fetched, time.GetUtcNow());
    }

    /// <summary>Runs the request with its body copied aside; the copy when the answer may be kept, else null.</summary>
    private static async Task<Answer?> FetchAsync(HttpContext context, RequestDelegate next, DateTimeOffset now)
    {
        var response = context.Response;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        var original = response.Body;
        using var copy = new CopyingStream(original, MaxAnswerBytes);
        response.Body = copy;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        var keep = HttpMethods.IsGet(context.Request.Method)
            && response.StatusCode == StatusCodes.Status200OK
            && StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            && context.GetEndpoint()?.Metadata.GetMetadata<PublicAnswerAttribute>() is not null;
        return keep && copy.Copied is { } body ? AnswerOf(KeptHeaders(response.Headers), body, now) : null;
    }

    /// <summary>An answer to keep, with its compressed forms when it is text worth compressing.</summary>
    private static Answer AnswerOf(KeyValuePair<string, StringValues>[] headers, byte[] body, DateTimeOffset now) =>
        ContentCoding.IsCompressible(headers, body.Length)
            ? new Answer(headers, body, ContentCoding.Compress(body, ContentCoding.Brotli), ContentCoding.Compress(body, ContentCoding.Gzip), now)
            : new Answer(headers, body, null, null, now);

    /// <summary>Keeps an answer while the count and byte budgets allow, first dropping answers too old to serve.</summary>
    private void Keep(string key, Answer? answer)
    {
        if (answer is null)
        {
            return;
        }

        lock (answers)
        {
            if (!Fits(key, answer))
            {
                DropUnservable();
                if (!Fits(key, answer))
                {
                    return;
                }
            }

            keptBytes += answer.Bytes - (answers.TryGetValue(key, out var replaced) ? replaced.Bytes : 0);
            answers[key] = answer;
        }
    }

    /// <summary>Whether keeping <paramref name="answer"/> under <paramref name="key"/> stays within both budgets.</summary>
    private bool Fits(string key, Answer answer)
    {
        long? replaced = answers.TryGetValue(key, out var kept) ? kept.Bytes : null;
        return keptBytes - (replaced ?? 0) + answer.Bytes <= MaxKeptBytes
            && (replaced is not null || answers.Count < MaxAnswers);
    }

    /// <summary>Drops the answers <see cref="IsServable"/> no longer allows to be served, even while refetched.</summary>
    private void DropUnservable()
    {
        var now = time.GetUtcNow();
        foreach (var (key, answer) in answers)
        {
            if (!IsServable(answer, now) && answers.TryRemove(key, out _))
            {
                keptBytes -= answer.Bytes;
            }
        }
    }

    /// <summary>An out-of-date answer is still served while another request refetches it, for one more duration.</summary>
    private bool IsServable(Answer answer, DateTimeOffset now) => now < answer.StoredAt + options.Value.CacheDuration * 2;

    private static async Task ServeAsync(HttpContext context, Answer answer, DateTimeOffset now)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers.Age = ((long)Math.Max(0, (now - answer.StoredAt).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var coding = ContentCoding.Choose(context.Request.Headers.AcceptEncoding, answer.Brotli is not null, answer.Gzip is not null);
        var body = coding switch
        {
            ContentCoding.Brotli => answer.Brotli!,
            ContentCoding.Gzip => answer.Gzip!,
            _ => answer.Body,
        };
        if (coding is not null)
        {
            response.Headers.ContentEncoding = coding;
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static KeyValuePair<string, StringValues>[] KeptHeaders(IHeaderDictionary headers) =>
        headers.Where(h => !UnkeptHeaders.Contains(h.Key)).ToArray();

    private bool IsCandidate(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) || (MayBeSignedIn(context) && !HostingExtensions.IsApi(context)))
        {
            return false;
        }

        foreach (var prefix in prefixes.Value)
        {
            if (request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The request carries the sign-in cookie or an Authorization header, valid or not.</summary>
    private bool MayBeSignedIn(HttpContext context) =>
        !StringValues.IsNullOrEmpty(context.Request.Headers.Authorization)
        || (signInCookie.Value is { } name && context.Request.Cookies.ContainsKey(name));

    /// <summary>
    /// The language <see cref="RequestLocalizationMiddleware"/> will give the request, which runs after this cache:
    /// the same providers in the same order, the first whose culture or UI culture is supported (itself or a parent)
    /// decides, else the default. <c>PublicCacheLanguageTests</c> holds the two equal over a matrix of requests.
    /// </summary>
    internal async ValueTask<string> LanguageOfAsync(HttpContext context)
    {
        var settings = localization.Value;
        foreach (var provider in settings.RequestCultureProviders)
        {
            if (await provider.DetermineProviderCultureResult(context) is not { } result)
            {
                continue;
            }

            var culture = Supported(result.Cultures, settings.SupportedCultures, settings.FallBackToParentCultures);
            var ui = Supported(result.UICultures, settings.SupportedUICultures, settings.FallBackToParentUICultures);
            if (culture is not null || ui is not null)
            {
                return (ui ?? settings.DefaultRequestCulture.UICulture).Name;
            }
        }

        return settings.DefaultRequestCulture.UICulture.Name;
    }

    private static CultureInfo? Supported(IList<StringSegment> names, IList<CultureInfo>? supported, bool parents)
    {
        foreach (var name in names)
        {
            if (Supported(name.ToString(), supported, parents, 0) is { } culture)
            {
                return culture;
            }
        }

        return null;
    }

    private static CultureInfo? Supported(string name, IList<CultureInfo>? supported, bool parents, int depth)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var match = supported?.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null || !parents || depth >= MaxParentDepth)
        {
            return match;
        }

        try
        {
            return Supported(CultureInfo.GetCultureInfo(name).Parent.Name, supported, parents, depth + 1);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The path, the known query parameters in a fixed order, and the language the request will be given.</summary>
    private static string KeyOf(HttpRequest request, string language)
    {
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

    /// <summary>A kept answer: its headers, its body as the endpoint wrote it and, for text, compressed.</summary>
    private sealed record Answer(
        KeyValuePair<string, StringValues>[] Headers, byte[] Body, byte[]? Brotli, byte[]? Gzip, DateTimeOffset StoredAt)
    {
        /// <summary>What it takes of <see cref="MaxKeptBytes"/>: every form kept.</summary>
        public long Bytes { get; } = Body.Length + (Brotli?.Length ?? 0L) + (Gzip?.Length ?? 0L);
    }

    /// <summary>Writes through to the response and keeps a copy of the first <c>limit</c> bytes.</summary>
    private sealed class CopyingStream(Stream inner, int limit) : Stream
    {
        private MemoryStream? copy = new();

        /// <summary>The whole body, or null when it was longer than the limit.</summary>
        public byte[]? Copied => copy?.ToArray();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            CopyOf(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            CopyOf(buffer.Span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            copy?.Dispose();
            copy = null;
            base.Dispose(disposing);
        }

        private void CopyOf(ReadOnlySpan<byte> buffer)
        {
            if (copy is null)
            {
                return;
            }

            if (copy.Length + buffer.Length > limit)
            {
                copy.Dispose();
                copy = null;
                return;
            }

            copy.Write(buffer);
        }
    }
}
