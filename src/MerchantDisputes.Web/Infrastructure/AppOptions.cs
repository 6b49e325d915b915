using System.ComponentModel.DataAnnotations;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>Section "App": what the app must know about itself that a request cannot tell it.</summary>
public sealed class AppOptions
{
    public const string SectionName = "App";

    /// <summary>
    /// The address people reach the app at (<c>https://disputes.example.com/</c>), for links in e-mails. Not taken from
    /// the request's Host header: a forged one would send a reset link, token and all, to someone else's site.
    /// </summary>
    [Required]
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>An absolute http(s) address without query or fragment; a path (an app behind a prefix) is kept.</summary>
    public static bool IsValid(AppOptions options) =>
        options?.PublicBaseUrl is { IsAbsoluteUri: true } url
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(url.Query)
        && string.IsNullOrEmpty(url.Fragment);

    /// <summary>The absolute address of <paramref name="relative"/> (no leading slash) under <see cref="PublicBaseUrl"/>.</summary>
    public Uri Link(string relative)
    {
        var root = PublicBaseUrl!.AbsoluteUri;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), relative);
    }

    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AppOptions>().BindConfiguration(SectionName).ValidateDataAnnotations()
            .Validate(IsValid, "App:PublicBaseUrl must be an absolute http or https address without query or fragment.")
            .ValidateOnStart();
    }
}
