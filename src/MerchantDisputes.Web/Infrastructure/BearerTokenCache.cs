using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>
/// Every API call with a bearer token decrypts it (data protection: a key derivation, AES and an HMAC through
/// OpenSSL) and deserialises its ticket: about a fifth of the CPU of an authenticated request that does nothing else
/// (docs/performance.md). A client sends the same token for its whole hour, so the ticket is kept, keyed by the exact
/// token text, until the token expires and at most <see cref="MaxAge"/>; every request gets its own copy. A kept
/// ticket is found from the Authorization header itself, before the bearer handler copies the token out of it (the
/// copy was a sixth of the bytes a case detail allocated); it is served only before its expiry, else the handler reads
/// the token as it always does and refuses it. The security stamp is checked on every request from the ticket's
/// claims (<c>BearerStampCheck</c>), so keeping the ticket changes nothing there. A token that does not decrypt is
/// never kept; tokens are still issued and refresh tokens read as before.
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
            {
                options.BearerTokenProtector = new CachingTicketProtector(options.BearerTokenProtector, clock, tickets);
                options.Events.OnMessageReceived = context =>
                {
                    tickets.Serve(context, clock.GetUtcNow());
                    return Task.CompletedTask;
                };
            });
        return services;
    }
}

/// <summary>
/// The kept tickets, by token text; bounded, so a flood of distinct valid tokens is decrypted each time rather than
/// kept without end.
/// </summary>
internal sealed class BearerTickets
{
    public const int MaxKept = 10_000;

    private const string Prefix = "Bearer ";

    /// <summary>A full cache is swept for expired tickets at most this often; in between, new tokens are not kept.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private readonly ConcurrentDictionary<string, Kept>.AlternateLookup<ReadOnlySpan<char>> _byText;

    public BearerTickets() => _byText = _kept.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _kept.Count;

    /// <summary>A copy of the ticket kept for <paramref name="token"/> while it is still good at <paramref name="now"/>, else null.</summary>
    public AuthenticationTicket? Find(ReadOnlySpan<char> token, DateTimeOffset now) =>
        _byText.TryGetValue(token, out var kept) && now < kept.Until ? kept.Ticket.Clone() : null;

    /// <summary>
    /// Answers the bearer handler with the kept ticket of the request's token, the way the handler itself takes the
    /// token (one Authorization header starting "Bearer "); with none kept the handler goes on as without the cache.
    /// </summary>
    public void Serve(MessageReceivedContext context, DateTimeOffset now)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || header.ToString() is not { } value || !value.StartsWith(Prefix, StringComparison.Ordinal)
            || Find(value.AsSpan(Prefix.Length), now) is not { } ticket)
        {
            return;
        }

        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }

    /// <summary>Keeps a copy of <paramref name="ticket"/> until <paramref name="until"/>, when there is room.</summary>
    public void Keep(string token, AuthenticationTicket ticket, DateTimeOffset until, DateTimeOffset now)
    {
        if (_kept.Count >= MaxKept && !SweptRoom(now))
        {
            return;
        }

        _kept[token] = new Kept(ticket.Clone(), until);
    }

    /// <summary>Drops the expired tickets, at most once per <see cref="SweepEvery"/>; whether there is room now.</summary>
    private bool SweptRoom(DateTimeOffset now)
    {
        lock (_kept)
        {
            if (now - _lastSweep < SweepEvery)
            {
                return false;
            }

            _lastSweep = now;
        }

        foreach (var (text, kept) in _kept)
        {
            if (now >= kept.Until)
            {
                _kept.TryRemove(new KeyValuePair<string, Kept>(text, kept));
            }
        }

        return _kept.Count < MaxKept;
    }

    private sealed record Kept(AuthenticationTicket Ticket, DateTimeOffset Until);
}

internal sealed class CachingTicketProtector(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock, BearerTickets tickets)
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

        var now = clock.GetUtcNow();
        if (tickets.Find(protectedText, now) is { } kept)
        {
            return kept;
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket?.Properties.ExpiresUtc is { } expires)
        {
            var until = expires < now + BearerTokenCache.MaxAge ? expires : now + BearerTokenCache.MaxAge;
            if (until > now)
            {
                tickets.Keep(protectedText, ticket, until, now);
            }
        }

        return ticket;
    }
}
