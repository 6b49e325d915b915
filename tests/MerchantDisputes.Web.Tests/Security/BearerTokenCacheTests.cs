using System.Net;
using System.Security.Claims;
using MerchantDisputes.Web.Infrastructure;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>Bearer tickets are kept after the first decryption (<see cref="BearerTokenCache"/>); nothing else changes.</summary>
public sealed class BearerTokenCacheTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_token_read_from_the_cache_is_still_refused_once_it_has_expired()
    {
        var merchant = await Session.NewMerchantAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/v1/me")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await merchant.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Two_people_keep_their_own_identities()
    {
        var first = await Session.NewMerchantAsync(app);
        var second = await Session.NewMerchantAsync(app);

        var ids = new List<string?>();
        foreach (var client in new[] { first, second, first, second })
        {
            ids.Add((await ApiClient.ReadAsync(await client.GetAsync("/api/v1/me"))).GetProperty("id").GetString());
        }

        Assert.Equal(ids[0], ids[2]);
        Assert.Equal(ids[1], ids[3]);
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public void The_ticket_is_decrypted_once_and_every_caller_gets_a_copy()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var inner = new CountingFormat(Ticket(clock.GetUtcNow().AddHours(1)));
        var tickets = new BearerTickets();
        var protector = new CachingTicketProtector(inner, clock, tickets);

        var first = protector.Unprotect("token");
        var second = protector.Unprotect("token");
        first!.Principal.Identities.First().AddClaim(new Claim("added", "by a request"));

        Assert.Equal(1, inner.Calls);
        Assert.NotSame(first, second);
        Assert.NotSame(first.Principal, second!.Principal);
        Assert.Null(protector.Unprotect("token")!.Principal.FindFirst("added"));
        Assert.Equal("user-1", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public void A_token_that_does_not_decrypt_or_has_expired_is_never_kept()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var tickets = new BearerTickets();
        var broken = new CountingFormat(null);
        var expired = new CountingFormat(Ticket(clock.GetUtcNow().AddSeconds(-1)));
        var brokenProtector = new CachingTicketProtector(broken, clock, tickets);
        var expiredProtector = new CachingTicketProtector(expired, clock, tickets);

        Assert.Null(brokenProtector.Unprotect("garbage"));
        Assert.Null(brokenProtector.Unprotect("garbage"));
        expiredProtector.Unprotect("old");
        expiredProtector.Unprotect("old");

        Assert.Equal(2, broken.Calls);
        Assert.Equal(2, expired.Calls);
    }

    [Fact]
    public void The_handler_is_answered_from_the_header_only_with_a_kept_ticket_before_its_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var tickets = new BearerTickets();
        var protector = new CachingTicketProtector(new CountingFormat(Ticket(clock.GetUtcNow().AddHours(1))), clock, tickets);
        protector.Unprotect("token");

        Assert.Equal("user-1", Served(tickets, "Bearer token", clock)?.Principal?.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Null(Served(tickets, "Bearer other", clock));
        Assert.Null(Served(tickets, "bearer token", clock)); // the handler itself takes only "Bearer "
        Assert.Null(Served(tickets, "Basic token", clock));
        Assert.Null(Served(tickets, null, clock));

        clock.Advance(BearerTokenCache.MaxAge);
        Assert.Null(Served(tickets, "Bearer token", clock));
    }

    [Fact]
    public void A_full_cache_makes_room_only_from_expired_tickets_and_sweeps_at_most_every_half_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var tickets = new BearerTickets();
        var start = clock.GetUtcNow();
        var ticket = Ticket(start.AddHours(1));
        tickets.Keep("soon", ticket, start.AddMinutes(1), start);
        tickets.Keep("later", ticket, start.AddMinutes(2).AddSeconds(10), start);
        for (var i = 2; i < BearerTickets.MaxKept; i++)
        {
            tickets.Keep($"token-{i}", ticket, start.AddMinutes(5), start);
        }

        Assert.Equal(BearerTickets.MaxKept, tickets.Count);
        Assert.False(Kept(tickets, "nothing expired", clock));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(Kept(tickets, "after a sweep", clock));
        Assert.Null(tickets.Find("soon", clock.GetUtcNow()));
        Assert.Equal(BearerTickets.MaxKept, tickets.Count);

        clock.Advance(TimeSpan.FromSeconds(20)); // "later" has expired, but the last sweep was 20 s ago
        Assert.False(Kept(tickets, "too soon", clock));

        clock.Advance(BearerTickets.SweepEvery);
        Assert.True(Kept(tickets, "next sweep", clock));
        Assert.Equal(BearerTickets.MaxKept, tickets.Count);
    }

    /// <summary>Offers a ticket for <paramref name="token"/> to the cache; whether it was kept.</summary>
    private static bool Kept(BearerTickets tickets, string token, FakeTimeProvider clock)
    {
        var now = clock.GetUtcNow();
        tickets.Keep(token, Ticket(now.AddHours(1)), now.AddMinutes(5), now);
        return tickets.Find(token, now) is not null;
    }

    /// <summary>What <see cref="BearerTickets.Serve"/> answers the bearer handler for a request with this Authorization header.</summary>
    private static AuthenticateResult? Served(BearerTickets tickets, string? authorization, FakeTimeProvider clock)
    {
        var http = new DefaultHttpContext();
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        var scheme = new AuthenticationScheme("Identity.Bearer", null, typeof(NoHandler));
        var context = new MessageReceivedContext(http, scheme, new BearerTokenOptions());
        tickets.Serve(context, clock.GetUtcNow());
        return context.Result;
    }

    private static AuthenticationTicket Ticket(DateTimeOffset expires) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-1")], "test")),
        new AuthenticationProperties { ExpiresUtc = expires },
        "Identity.Bearer:AccessToken");

    private sealed class NoHandler : IAuthenticationHandler
    {
        public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context) => Task.CompletedTask;

        public Task<AuthenticateResult> AuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

        public Task ChallengeAsync(AuthenticationProperties? properties) => Task.CompletedTask;

        public Task ForbidAsync(AuthenticationProperties? properties) => Task.CompletedTask;
    }

    private sealed class CountingFormat(AuthenticationTicket? ticket) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Calls { get; private set; }

        public string Protect(AuthenticationTicket data) => "token";

        public string Protect(AuthenticationTicket data, string? purpose) => "token";

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Calls++;
            return ticket?.Clone();
        }
    }
}
