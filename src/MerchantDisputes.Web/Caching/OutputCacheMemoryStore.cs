using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace MerchantDisputes.Web.Caching;

/// <summary>
/// The output cache's store on the app's bounded <see cref="MemoryCaches"/> (the framework's own store builds its
/// MemoryCache on the system clock). The app tags no answer, so there is nothing to evict by tag.
/// </summary>
internal sealed class OutputCacheMemoryStore(MemoryCache cache) : IOutputCacheStore, IDisposable
{
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(cache.Get<byte[]>(key));

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = validFor, Size = value.Length });
        return ValueTask.CompletedTask;
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void Dispose() => cache.Dispose();
}
