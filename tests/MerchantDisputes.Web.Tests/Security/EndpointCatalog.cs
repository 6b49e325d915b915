using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>The app's own list of routes, as "METHOD /pattern" keys; Razor pages are "PAGE /pattern".</summary>
public static class EndpointCatalog
{
    public static SortedSet<string> Keys(DisputesAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        var sources = app.Services.GetServices<EndpointDataSource>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            foreach (var key in KeysOf(endpoint))
            {
                keys.Add(key);
            }
        }
        return keys;
    }

    private static IEnumerable<string> KeysOf(RouteEndpoint endpoint)
    {
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
        {
            return [$"PAGE {pattern}"];
        }
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        return methods is null || methods.Count == 0 ? [$"ANY {pattern}"] : methods.Select(m => $"{m} {pattern}");
    }
}
