using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace MerchantDisputes.Web.Caching;

/// <summary>
/// How every bounded cache in the app is made: a <see cref="MemoryCache"/> with a size limit, on the app's
/// <see cref="TimeProvider"/> so that tests move its expiry with a fake clock. A full cache refuses new entries and
/// compacts itself in the background (expired first, then the least recently used): one eviction rule for all.
/// </summary>
public static class MemoryCaches
{
    public static MemoryCache Create(TimeProvider time, long sizeLimit) =>
        new(new MemoryCacheOptions { SizeLimit = sizeLimit, Clock = new Clock(time) });

    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
