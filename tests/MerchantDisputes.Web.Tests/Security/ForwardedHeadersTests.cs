using System.Net;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>Forwarded headers on, as the infra templates set them, with one known proxy and a tight sign-in limit.</summary>
public sealed class BehindProxyAppFactory : DisputesAppFactory
{
    public const string Proxy = "10.9.8.7";

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("ForwardedHeaders_Enabled", "true"),
        new("ForwardedHeaders:KnownProxies:0", Proxy),
        new("RateLimits:SignInPerMinute", "2"),
    ];
}

/// <summary>Issue 22, item 10: X-Forwarded-For is believed from the configured proxies only.</summary>
public sealed class ForwardedHeadersTests(BehindProxyAppFactory app) : IClassFixture<BehindProxyAppFactory>
{
    [Fact]
    public async Task A_spoofed_forwarded_for_from_a_stranger_changes_neither_the_history_nor_the_rate_limit()
    {
        var email = $"spoof-{Guid.NewGuid():N}@shop.test";
        await Staff.CreateAsync(app, email, Domain.Users.Roles.Merchant);

        var first = await LoginAsync("203.0.113.9", "198.51.100.1", email);
        var second = await LoginAsync("203.0.113.9", "198.51.100.2", email);
        var third = await LoginAsync("203.0.113.9", "198.51.100.3", email);

        Assert.Equal(StatusCodes.Status401Unauthorized, first);
        Assert.Equal(StatusCodes.Status401Unauthorized, second);
        Assert.Equal(StatusCodes.Status429TooManyRequests, third);
        Assert.Equal(["203.0.113.9", "203.0.113.9"], await AddressesSeenAsync(email));
    }

    [Fact]
    public async Task The_configured_proxy_is_believed_for_the_address_it_appended()
    {
        var email = $"proxied-{Guid.NewGuid():N}@shop.test";
        await Staff.CreateAsync(app, email, Domain.Users.Roles.Merchant);

        var status = await LoginAsync(BehindProxyAppFactory.Proxy, "198.51.100.9, 192.0.2.44", email);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Equal(["192.0.2.44"], await AddressesSeenAsync(email));
    }

    /// <summary>A wrong password for <paramref name="email"/> from the connection's address <paramref name="peer"/>.</summary>
    private async Task<int> LoginAsync(string peer, string forwardedFor, string email)
    {
        using var client = new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(peer)))
        {
            BaseAddress = DisputesAppFactory.Https,
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var response = await new ApiClient(client).PostAsync("/api/v1/auth/login", new { email, password = "Wrong-password-1" });
        return (int)response.StatusCode;
    }

    private Task<List<string?>> AddressesSeenAsync(string email) =>
        app.WithDbAsync(db => db.SignInEvents
            .Where(e => db.Users.Any(u => u.Id == e.UserId && u.Email == email))
            .OrderBy(e => e.Id).Select(e => e.IpAddress).ToListAsync());
}
