using MerchantDisputes.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Tests.Accounts;

/// <summary>App:PublicBaseUrl, the address in e-mailed links: checked at start, never guessed from a request.</summary>
public sealed class PublicBaseUrlTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("not a url")]
    [InlineData("/relative/")]
    [InlineData("ftp://files.example.com/")]
    [InlineData("https://disputes.example.com/?from=mail")]
    public void A_missing_or_unusable_address_stops_the_start(string? value)
    {
        using var provider = Services(value);

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AppOptions>>().Value);
    }

    [Theory]
    [InlineData("https://disputes.example.com", "https://disputes.example.com/Account/ResetPassword?token=a")]
    [InlineData("https://example.com/disputes/", "https://example.com/disputes/Account/ResetPassword?token=a")]
    [InlineData("http://localhost:5274/", "http://localhost:5274/Account/ResetPassword?token=a")]
    public void Links_are_absolute_under_the_address_and_keep_its_path(string value, string expected)
    {
        using var provider = Services(value);

        var options = provider.GetRequiredService<IOptions<AppOptions>>().Value;

        Assert.Equal(expected, options.Link("Account/ResetPassword?token=a").AbsoluteUri);
    }

    private static ServiceProvider Services(string? publicBaseUrl)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = publicBaseUrl })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        AppOptions.Add(services);
        return services.BuildServiceProvider();
    }
}
