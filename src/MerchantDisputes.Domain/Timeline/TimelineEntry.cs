using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MerchantDisputes.Domain.Timeline;

/// <summary>
/// One line of a case's history. <see cref="Hash"/> is SHA-256 over the previous entry's hash and this entry's
/// canonical JSON, so rewriting any entry breaks every hash after it.
/// </summary>
public sealed class TimelineEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private TimelineEntry()
    {
        Kind = string.Empty;
        ActorRole = string.Empty;
        DataJson = "{}";
        PreviousHash = GenesisHash;
        Hash = GenesisHash;
    }

    public Guid Id { get; private set; }
    public Guid DisputeId { get; private set; }
    public int Sequence { get; private set; }
    public string Kind { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string ActorRole { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Canonical JSON object of string values, keys in ordinal order.</summary>
    public string DataJson { get; private set; }

    /// <summary>Who may read the entry; internal notes are for staff only.</summary>
    public TimelineAudience Audience { get; private set; }

    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    public static TimelineEntry Create(TimelineDraft draft, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var entry = new TimelineEntry
        {
            Id = draft.Id,
            DisputeId = draft.DisputeId,
            Sequence = draft.Sequence,
            Kind = draft.Kind,
            ActorUserId = draft.ActorUserId,
            ActorRole = draft.ActorRole,
            OccurredAt = draft.OccurredAt.ToUniversalTime(),
            DataJson = CanonicalData(draft.Data),
            Audience = draft.Audience,
            PreviousHash = previousHash,
        };
        entry.Hash = entry.ComputeHash();
        return entry;
    }

    public IReadOnlyDictionary<string, string?> Data() => ParseData(DataJson);

    /// <summary>The stored <see cref="DataJson"/> as a dictionary, for reads that project the column alone.</summary>
    public static IReadOnlyDictionary<string, string?> ParseData(string dataJson) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(dataJson) ?? [];

    /// <summary>Recomputes the hash from the stored fields; differs from <see cref="Hash"/> if anything was rewritten.</summary>
    public string ComputeHash()
    {
        var bytes = Encoding.UTF8.GetBytes(PreviousHash + "\n" + CanonicalContent());
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public string CanonicalContent()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("seq", Sequence.ToString(CultureInfo.InvariantCulture));
            json.WriteString("dispute", DisputeId.ToString("D"));
            json.WriteString("kind", Kind);
            json.WriteString("actor", ActorUserId?.ToString("D"));
            json.WriteString("role", ActorRole);
            json.WriteString("at", OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("audience", Audience.ToString());
            json.WritePropertyName("data");
            json.WriteRawValue(DataJson);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string CanonicalData(IReadOnlyDictionary<string, string?> data)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var pair in data.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(pair.Key, pair.Value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>What the aggregate knows when it appends an entry.</summary>
public sealed record TimelineDraft(
    Guid Id,
    Guid DisputeId,
    int Sequence,
    string Kind,
    Guid? ActorUserId,
    string ActorRole,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string?> Data,
    TimelineAudience Audience = TimelineAudience.Everyone);

/// <summary>Who may read a timeline entry besides mediators, lawyers and admins, who read all.</summary>
public enum TimelineAudience
{
    /// <summary>Everyone on the case: merchant, platform agent, staff.</summary>
    Everyone = 0,

    /// <summary>The merchant and staff, not the platform (legal opinions).</summary>
    MerchantAndStaff = 1,

    /// <summary>Mediators, lawyers and admins only (internal notes).</summary>
    Staff = 2,
}

/// <summary>Checks a whole chain, in sequence order.</summary>
public static class TimelineVerifier
{
    /// <returns>The sequence of the first entry that does not verify, or null when the chain is intact.</returns>
    public static int? FirstBroken(IEnumerable<TimelineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = TimelineEntry.GenesisHash;
        var expectedSequence = 1;
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Sequence != expectedSequence || entry.PreviousHash != previous || !HashMatches(entry))
            {
                return entry.Sequence;
            }

            previous = entry.Hash;
            expectedSequence++;
        }

        return null;
    }

    /// <summary>A row rewritten into something that is not JSON cannot be hashed, so it does not verify either.</summary>
    private static bool HashMatches(TimelineEntry entry)
    {
        try
        {
            return entry.ComputeHash() == entry.Hash;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
