using System.Reflection;
using System.Text.Json;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Caching;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// The JSON of case details as last written, cached per case, language and timeline audience, so that a read of an
/// unchanged case costs one small statement (<see cref="DisputeQueries.VersionAsync"/>) instead of two EF Core queries
/// and the serialising. A cached answer is served only while the database still holds the version and platform name it
/// was written from, read on every request: every change to a case goes through <c>Dispute.Append</c>, which raises its
/// version, so no answer older than the database is ever served, on any instance. Nothing about who may see a case
/// is cached: the visibility rule is checked on the version read with it (<see cref="CaseVersion.IsVisibleTo"/>).
/// </summary>
public sealed class DetailAnswers : IDisposable
{
    /// <summary>The cached bodies together stay under this; when full, new answers are served but not cached.</summary>
    public const long DefaultMaxCachedBytes = 256L << 20;

    /// <summary>An answer not read for this long goes.</summary>
    public static readonly TimeSpan ColdAfter = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _answers;
    private readonly JsonSerializerOptions _json;

    public DetailAnswers(IOptions<JsonOptions> json, TimeProvider time)
        : this(json, time, DefaultMaxCachedBytes)
    {
    }

    internal DetailAnswers(IOptions<JsonOptions> json, TimeProvider time, long maxCachedBytes)
    {
        ArgumentNullException.ThrowIfNull(json);
        _json = json.Value.SerializerOptions;
        _answers = MemoryCaches.Create(time, maxCachedBytes);
    }

    /// <summary>How many answers are cached.</summary>
    public int Count => _answers.Count;

    /// <summary>
    /// The answer of the case cached for people like <paramref name="actor"/>, current or not (<see cref="Current"/>
    /// tells), or null: then there is nothing to check it against.
    /// </summary>
    public CachedAnswer? Find(Guid id, Actor actor) => _answers.Get<CachedAnswer>(KeyOf(id, actor));

    /// <summary>The body of <paramref name="cached"/> when it was written from <paramref name="version"/>, else null.</summary>
    public byte[]? Current(CachedAnswer cached, CaseVersion version)
    {
        ArgumentNullException.ThrowIfNull(cached);
        ArgumentNullException.ThrowIfNull(version);
        return cached.Version == version.Version && string.Equals(cached.PlatformName, version.PlatformName(cached.Chinese), StringComparison.Ordinal)
            && (cached.MerchantStamp is null || string.Equals(cached.MerchantStamp, version.MerchantStamp, StringComparison.Ordinal))
            ? cached.Body
            : null;
    }

    /// <summary>The JSON of <paramref name="dispute"/>, cached for the next reader in place of an older version.</summary>
    public byte[] Add(Guid id, Actor actor, DisputeDto dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var key = KeyOf(id, actor);
        var answer = new CachedAnswer(dispute.Version, dispute.PlatformName, key.Chinese, JsonSerializer.SerializeToUtf8Bytes(dispute, _json))
        {
            MerchantStamp = dispute.Merchant?.ProfileStamp,
        };

        // A slower reader's older version leaves the newer one cached. Should two race past this, the older one cached
        // only fails its check (Current) and is read and cached again: never served.
        if (_answers.Get<CachedAnswer>(key) is not { } cached || cached.Version <= answer.Version)
        {
            _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = answer.Body.Length, SlidingExpiration = ColdAfter });
        }

        return answer.Body;
    }

    public void Dispose() => _answers.Dispose();

    /// <summary>The variants of one case: the language of its platform's name and the widest timeline audience.</summary>
    private static Key KeyOf(Guid id, Actor actor) => new(id, DisputeQueries.WidestAudience(actor), Display.IsChinese());

    private readonly record struct Key(Guid Id, TimelineAudience Audience, bool Chinese);
}

/// <summary>A detail answer as <see cref="DetailAnswers"/> caches it, with what it was written from.</summary>
public sealed class CachedAnswer
{
    internal CachedAnswer(int version, string platformName, bool chinese, byte[] body)
    {
        Version = version;
        PlatformName = platformName;
        Chinese = chinese;
        Body = body;
    }

    internal int Version { get; }

    internal string PlatformName { get; }

    /// <summary>Which of the platform's names <see cref="PlatformName"/> is.</summary>
    internal bool Chinese { get; }

    internal byte[] Body { get; }

    /// <summary>The merchant's profile stamp when the answer shows who filed (<see cref="CaseMerchantDto"/>), else null.</summary>
    internal string? MerchantStamp { get; init; }
}

/// <summary>
/// A 200 with a case's JSON already written (<see cref="DetailAnswers"/>): the same bytes and headers as
/// <c>TypedResults.Ok(dispute)</c> would send, and the same OpenAPI description.
/// </summary>
public sealed class DisputeJson(byte[] body, string etag) : IResult, IEndpointMetadataProvider
{
    private const string ContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        response.Headers.ETag = etag;
        return response.Body.WriteAsync(body).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(DisputeDto), ["application/json"]));
    }
}
