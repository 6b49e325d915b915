using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// The JSON of case details as last written, kept per case, language and timeline audience, so that a read of an
/// unchanged case costs one small statement (<see cref="DisputeQueries.StampAsync"/>) instead of two EF Core queries and
/// the serialising. A kept answer is served only while the database still holds the version and platform name it was
/// written from, read on every request: every change to a case goes through <c>Dispute.Append</c>, which raises its
/// version, so no answer older than the database is ever served, on any instance. Nothing about who may see a case
/// is kept: the visibility rule is checked on the stamp read with it (<see cref="CaseStamp.IsVisibleTo"/>).
/// </summary>
public sealed class DetailAnswers
{
    /// <summary>The kept bodies together stay under this; past it, answers unread for <see cref="ColdAfter"/> go.</summary>
    public const long DefaultMaxKeptBytes = 256L << 20;

    /// <summary>An answer not read for this long may be dropped to make room.</summary>
    public static readonly TimeSpan ColdAfter = TimeSpan.FromMinutes(10);

    /// <summary>A full budget is swept for cold answers at most this often; in between, new answers are not kept.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Key, KeptAnswer> answers = new();
    private readonly Lock gate = new();
    private readonly JsonSerializerOptions json;
    private readonly TimeProvider time;
    private readonly long maxKeptBytes;
    private long keptBytes;
    private long lastSweep;

    public DetailAnswers(IOptions<JsonOptions> json, TimeProvider time)
        : this(json, time, DefaultMaxKeptBytes)
    {
    }

    internal DetailAnswers(IOptions<JsonOptions> json, TimeProvider time, long maxKeptBytes)
    {
        ArgumentNullException.ThrowIfNull(json);
        this.json = json.Value.SerializerOptions;
        this.time = time;
        this.maxKeptBytes = maxKeptBytes;
        lastSweep = time.GetTimestamp();
    }

    /// <summary>How many answers are kept.</summary>
    public int Count => answers.Count;

    /// <summary>
    /// The answer of the case kept for people like <paramref name="actor"/>, current or not (<see cref="Current"/>
    /// tells), or null: then there is nothing to check it against.
    /// </summary>
    public KeptAnswer? Kept(Guid id, Actor actor) => answers.TryGetValue(KeyOf(id, actor), out var answer) ? answer : null;

    /// <summary>The body of <paramref name="kept"/> when it was written from <paramref name="stamp"/>, else null.</summary>
    public byte[]? Current(KeptAnswer kept, CaseStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(stamp);
        if (kept.Version != stamp.Version || !string.Equals(kept.PlatformName, stamp.PlatformName(kept.Chinese), StringComparison.Ordinal))
        {
            return null;
        }

        kept.LastRead = time.GetTimestamp();
        return kept.Body;
    }

    /// <summary>The JSON of <paramref name="dispute"/>, kept for the next reader when the budget has room.</summary>
    public byte[] Keep(Guid id, Actor actor, DisputeDto dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var key = KeyOf(id, actor);
        var answer = new KeptAnswer(dispute.Version, dispute.PlatformName, key.Chinese, JsonSerializer.SerializeToUtf8Bytes(dispute, json), time.GetTimestamp());
        lock (gate)
        {
            answers.TryGetValue(key, out var old);
            if (old is not null && old.Version > answer.Version)
            {
                return answer.Body; // a slower reader's older version; the newer one stays
            }

            Drop(key, old); // older than what was just read, or no longer its platform's name: never served again
            var size = answer.Body.Length;
            if (keptBytes + size > maxKeptBytes && !SweptRoom(size))
            {
                return answer.Body;
            }

            answers[key] = answer;
            keptBytes += size;
        }

        return answer.Body;
    }

    /// <summary>Drops the answers unread for <see cref="ColdAfter"/>, at most once per <see cref="SweepEvery"/>; under the gate.</summary>
    private bool SweptRoom(long size)
    {
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(lastSweep, now) < SweepEvery)
        {
            return false;
        }

        lastSweep = now;
        foreach (var (key, answer) in answers)
        {
            if (time.GetElapsedTime(answer.LastRead, now) >= ColdAfter)
            {
                Drop(key, answer);
            }
        }

        return keptBytes + size <= maxKeptBytes;
    }

    /// <summary>Removes <paramref name="answer"/> if it is still the one kept for <paramref name="key"/>; under the gate.</summary>
    private void Drop(Key key, KeptAnswer? answer)
    {
        if (answer is not null && answers.TryRemove(new KeyValuePair<Key, KeptAnswer>(key, answer)))
        {
            keptBytes -= answer.Body.Length;
        }
    }

    /// <summary>The variants of one case: the language of its platform's name and the widest timeline audience.</summary>
    private static Key KeyOf(Guid id, Actor actor) => new(id, DisputeQueries.WidestAudience(actor), Display.IsChinese());

    private readonly record struct Key(Guid Id, TimelineAudience Audience, bool Chinese);
}

/// <summary>A detail answer as <see cref="DetailAnswers"/> keeps it, with what it was written from.</summary>
public sealed class KeptAnswer
{
    internal KeptAnswer(int version, string platformName, bool chinese, byte[] body, long lastRead)
    {
        Version = version;
        PlatformName = platformName;
        Chinese = chinese;
        Body = body;
        LastRead = lastRead;
    }

    internal int Version { get; }

    internal string PlatformName { get; }

    /// <summary>Which of the platform's names <see cref="PlatformName"/> is.</summary>
    internal bool Chinese { get; }

    internal byte[] Body { get; }

    /// <summary>Written by readers without the gate: a torn or lost update only moves a sweep's choice.</summary>
    internal long LastRead { get; set; }
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
