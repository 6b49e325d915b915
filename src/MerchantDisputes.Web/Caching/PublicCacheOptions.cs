using System.ComponentModel.DataAnnotations;

namespace MerchantDisputes.Web.Caching;

/// <summary>Section "PublicTransparency".</summary>
public sealed class PublicCacheOptions
{
    public const string SectionName = "PublicTransparency";

    /// <summary>
    /// How long a public answer (API, pages, CSV) is served from the output cache. Short, so the figures stay
    /// current; long enough that a spike of readers costs one database read per URL, language and encoding.
    /// 00:00:00 turns the cache off (used by the benchmark's uncached run).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Public answers one client address may have computed per minute (API, pages and CSV together): only requests the
    /// cache could not answer count, so a reader of cached answers is never limited. 429 with Retry-After past it.
    /// </summary>
    [Range(1, 1_000_000)]
    public int UncachedPerMinute { get; set; } = 60;
}
