using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>
/// Every API call with a bearer token decrypts it (data protection: a key derivation, AES and an HMAC through
/// OpenSSL) and deserialises its ticket: about a fifth of the CPU of an authenticated request that does nothing else
/// (docs/performance.md). A client sends the same token for its whole hour, so the ticket is kept, keyed by the exact
/// token text, until the token expires and at most <see cref="MaxAge"/>; every request gets its own copy, and the
/// bearer handler still refuses the token once it has expired. The security stamp is checked on every request from
/// the ticket's claims (<c>BearerStampCheck</c>), so keeping the ticket changes nothing there. A token that does not
/// decrypt is never kept; tokens are still issued and refresh tokens read as before.
/// </summary>
public static class BearerTokenCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddBearerTokenCache(this IServiceCollection services)
    {
        services.AddSingleton<BearerTickets>();

        // Post-configure: the bearer handler's own options set up the protector first (a named Configure).
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<TimeProvider, BearerTickets>((options, clock, tickets) =>
                options.BearerTokenProtector = new CachingTicketProtector(options.BearerTokenProtector, clock, tickets));
        return services;
    }
}

/// <summary>The kept tickets; bounded, so a flood of distinct valid tokens evicts rather than grows.</summary>
internal sealed class BearerTickets : IDisposable
{
    public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public void Dispose() => Cache.Dispose();
}

internal sealed class CachingTicketProtector(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock, BearerTickets tickets)
    : ISecureDataFormat<AuthenticationTicket>
{
    private readonly MemoryCache _tickets = tickets.Cache;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (purpose is not null || string.IsNullOrEmpty(protectedText))
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (_tickets.TryGetValue(protectedText, out AuthenticationTicket? kept) && kept is not null)
        {
            return kept.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket?.Properties.ExpiresUtc is { } expires)
        {
            var now = clock.GetUtcNow();
            var until = expires < now + BearerTokenCache.MaxAge ? expires : now + BearerTokenCache.MaxAge;
            if (until > now)
            {
                _tickets.Set(protectedText, ticket.Clone(), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = until - now, Size = 1 });
            }
        }

        return ticket;
    }
}
