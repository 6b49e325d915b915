using System.Globalization;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Caching;
using Microsoft.Extensions.Caching.Memory;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// The staff queue page's total, counted at most once per <see cref="Lifetime"/> for each role (and platform, for an
/// agent) and filter: the two counts behind it read every index entry of the queue (70,000 and 30,000 under
/// tests/perf/http.sh), several times the cost of the page itself. Only the pager's "page X of Y" may lag that long;
/// the cases listed are always read fresh. The API's total stays exact.
/// </summary>
public sealed class QueueTotals(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    // Bounded: filters come from the query string.
    private readonly MemoryCache _cache = MemoryCaches.Create(time, 1_000);

    public async Task<int> GetAsync(Actor actor, DisputeFilter filter, Func<Task<int>> count)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(count);
        if (filter.Platform is { } slug && !Platform.IsValidSlug(slug))
        {
            return await count();
        }

        var key = string.Join('|', actor.Role, actor.Is(Roles.PlatformAgent) ? actor.PlatformId?.ToString(CultureInfo.InvariantCulture) : null,
            filter.Status, filter.Type, filter.Platform, filter.Search, filter.Mine ? actor.UserId?.ToString("N", CultureInfo.InvariantCulture) : null);
        if (_cache.TryGetValue(key, out int total))
        {
            return total;
        }

        total = await count();
        _cache.Set(key, total, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return total;
    }

    public void Dispose() => _cache.Dispose();
}
