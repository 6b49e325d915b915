using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>
/// Section "ForwardedHeaders": the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the app believes.
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> makes ASP.NET Core read those headers and clears its list of known
/// proxies, i.e. believes them from anyone: a client could then name any address it liked and escape the per-address
/// rate limits and sign-in lockout, or write someone else's address into the sign-in history. Here the lists are the
/// configured ones; with none configured only loopback is believed (the middleware's own default).
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the app (<c>10.0.0.5</c>).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Address ranges of the proxies in front of the app, in CIDR notation (<c>172.18.0.0/16</c>).</summary>
    public IList<string> KnownNetworks { get; } = [];

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var trusted = new TrustedProxyOptions();
        configuration.GetSection(SectionName).Bind(trusted);

        // Parsed now, so a mistyped address stops the start instead of silently trusting nothing or everyone.
        var proxies = trusted.KnownProxies.Select(IPAddress.Parse).ToList();
        var networks = trusted.KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n)).ToList();

        // Runs after the host's own setup (registered first), which clears the lists when forwarded headers are enabled.
        services.Configure<ForwardedHeadersOptions>(o => Apply(o, proxies, networks));
    }

    private static void Apply(ForwardedHeadersOptions options, List<IPAddress> proxies, List<System.Net.IPNetwork> networks)
    {
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            return;
        }

        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }
}
