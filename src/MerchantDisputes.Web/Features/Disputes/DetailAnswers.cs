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

    private readonly ConcurrentDictionary<Key, Answer> answers = new();
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

    /// <summary>Whether an answer of the case is kept for people like <paramref name="actor"/>, current or not.</summary>
    public bool Holds(Guid id, Actor actor) => answers.ContainsKey(KeyOf(id, actor));

    /// <summary>The kept body for <paramref name="actor"/>, or null when none was written from <paramref name="stamp"/>.</summary>
    public byte[]? Find(Guid id, Actor actor, CaseStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var key = KeyOf(id, actor);
        if (!answers.TryGetValue(key, out var answer)
            || answer.Version != stamp.Version
            || !string.Equals(answer.PlatformName, stamp.PlatformName(key.Chinese), StringComparison.Ordinal))
        {
            return null;
        }

        answer.LastRead = time.GetTimestamp();
        return answer.Body;
    }

    /// <summary>The JSON of <paramref name="dispute"/>, kept for the next reader when the budget has room.</summary>
    public byte[] Keep(Guid id, Actor actor, DisputeDto dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var answer = new Answer(dispute.Version, dispute.PlatformName, JsonSerializer.SerializeToUtf8Bytes(dispute, json), time.GetTimestamp());
        var key = KeyOf(id, actor);
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
    private void Drop(Key key, Answer? answer)
    {
        if (answer is not null && answers.TryRemove(new KeyValuePair<Key, Answer>(key, answer)))
        {
            keptBytes -= answer.Body.Length;
        }
    }

    /// <summary>The variants of one case: the language of its platform's name and the widest timeline audience.</summary>
    private static Key KeyOf(Guid id, Actor actor) => new(id, DisputeQueries.WidestAudience(actor), Display.IsChinese());

    private readonly record struct Key(Guid Id, TimelineAudience Audience, bool Chinese);

    private sealed class Answer(int version, string platformName, byte[] body, long lastRead)
    {
        public int Version { get; } = version;

        public string PlatformName { get; } = platformName;

        public byte[] Body { get; } = body;

        /// <summary>Written by readers without the gate: a torn or lost update only moves a sweep's choice.</summary>
        public long LastRead { get; set; } = lastRead;
    }
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
