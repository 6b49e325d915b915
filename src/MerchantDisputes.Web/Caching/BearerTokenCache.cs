using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace MerchantDisputes.Web.Caching;

/// <summary>
/// Every API call with a bearer token decrypts it (data protection: a key derivation, AES and an HMAC through
/// OpenSSL) and deserialises its ticket: about a fifth of the CPU of an authenticated request that does nothing else
/// (docs/performance.md). A client sends the same token for its whole hour, so the ticket is cached, keyed by the
/// Authorization header's exact text, until the token expires and at most <see cref="MaxAge"/>; every request gets
/// its own copy. A cached ticket is found from the header itself, before the bearer handler copies the token out of
/// it; it is served only before its expiry, else the handler reads the token as it always does and refuses it. The
/// security stamp is checked on every request from the ticket's claims (<c>BearerStampCheck</c>), so caching the
/// ticket changes nothing there. A token that does not decrypt is never cached.
/// </summary>
public static class BearerTokenCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>At most this many tickets are cached; a flood of distinct valid tokens is decrypted each time.</summary>
    public const int MaxTickets = 10_000;

    public static IServiceCollection AddBearerTokenCache(this IServiceCollection services)
    {
        services.AddSingleton(sp => new BearerTickets(sp.GetRequiredService<TimeProvider>()));

        // Post-configure: the bearer handler's own options set up the protector first (a named Configure).
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<BearerTickets>((options, tickets) =>
            {
                options.BearerTokenProtector = new CachingTicketProtector(options.BearerTokenProtector, tickets);
                options.Events.OnMessageReceived = context =>
                {
                    tickets.Serve(context);
                    return Task.CompletedTask;
                };
            });
        return services;
    }
}

/// <summary>The cached tickets, by the Authorization header that carried the token ("Bearer " and the token).</summary>
internal sealed class BearerTickets(TimeProvider time) : IDisposable
{
    internal const string Prefix = "Bearer ";

    private readonly MemoryCache _cache = MemoryCaches.Create(time, BearerTokenCache.MaxTickets);

    /// <summary>A copy of the ticket cached for this Authorization header while it is still good, else null.</summary>
    public AuthenticationTicket? Find(string header) =>
        _cache.TryGetValue(header, out Cached? cached) && cached is not null && time.GetUtcNow() < cached.Until
            ? cached.Ticket.Clone()
            : null;

    /// <summary>
    /// Answers the bearer handler with the cached ticket of the request's token, the way the handler itself takes the
    /// token (one Authorization header starting "Bearer "); with none cached the handler goes on as without the cache.
    /// </summary>
    public void Serve(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || header.ToString() is not { } value || !value.StartsWith(Prefix, StringComparison.Ordinal)
            || Find(value) is not { } ticket)
        {
            return;
        }

        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }

    /// <summary>Caches a copy of <paramref name="ticket"/> for the Authorization <paramref name="header"/> until its expiry, at most <see cref="BearerTokenCache.MaxAge"/>.</summary>
    public void Add(string header, AuthenticationTicket ticket)
    {
        var now = time.GetUtcNow();
        if (ticket.Properties.ExpiresUtc is not { } expires || expires <= now)
        {
            return;
        }

        var until = expires < now + BearerTokenCache.MaxAge ? expires : now + BearerTokenCache.MaxAge;
        _cache.Set(header, new Cached(ticket.Clone(), until), new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1 });
    }

    /// <summary>Forgets the ticket of a token whose session ended (sign-out), so it is decrypted and checked anew.</summary>
    public void Forget(string header) => _cache.Remove(header);

    public void Dispose() => _cache.Dispose();

    private sealed record Cached(AuthenticationTicket Ticket, DateTimeOffset Until);
}

internal sealed class CachingTicketProtector(ISecureDataFormat<AuthenticationTicket> inner, BearerTickets tickets)
    : ISecureDataFormat<AuthenticationTicket>
{
    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (purpose is not null || string.IsNullOrEmpty(protectedText))
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var header = BearerTickets.Prefix + protectedText;
        if (tickets.Find(header) is { } cached)
        {
            return cached;
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            tickets.Add(header, ticket);
        }

        return ticket;
    }
}
