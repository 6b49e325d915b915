using System.Net;
using System.Security.Claims;
using MerchantDisputes.Web.Caching;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>Bearer tickets are cached after the first decryption (<see cref="BearerTokenCache"/>); nothing else changes.</summary>
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
        var tickets = new BearerTickets(clock);
        var protector = new CachingTicketProtector(inner, tickets);

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
        var tickets = new BearerTickets(clock);
        var broken = new CountingFormat(null);
        var expired = new CountingFormat(Ticket(clock.GetUtcNow().AddSeconds(-1)));
        var brokenProtector = new CachingTicketProtector(broken, tickets);
        var expiredProtector = new CachingTicketProtector(expired, tickets);

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
        var tickets = new BearerTickets(clock);
        var protector = new CachingTicketProtector(new CountingFormat(Ticket(clock.GetUtcNow().AddHours(1))), tickets);
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
    public void A_full_cache_refuses_new_tickets_and_never_serves_an_expired_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        using var tickets = new BearerTickets(clock);
        var soon = Ticket(clock.GetUtcNow().AddMinutes(1));
        var later = Ticket(clock.GetUtcNow().AddHours(1));
        tickets.Add("Bearer soon", soon);
        for (var i = 1; i < BearerTokenCache.MaxTickets; i++)
        {
            tickets.Add($"Bearer token-{i}", later);
        }

        tickets.Add("Bearer one too many", later);
        Assert.Null(tickets.Find("Bearer one too many"));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(tickets.Find("Bearer soon"));
        tickets.Add("Bearer after expiry", later);
        Assert.NotNull(tickets.Find("Bearer after expiry"));
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
        tickets.Serve(context);
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
