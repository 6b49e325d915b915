using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>The public transparency area: anonymous feed, statistics, rankings, platform pages and the yearly report.</summary>
public static class PublicExtensions
{
    /// <summary>The output-cache policy of every public answer.</summary>
    public const string CachePolicy = "Public";

    public const string CacheTag = "public";

    /// <summary>
    /// Only the parameters the public endpoints read vary the cache (with the language), so appending random
    /// parameters cannot be used to push every request through to the database.
    /// </summary>
    private static readonly string[] VaryByQuery = ["year", "month", "platform", "page", "pageSize", "culture", "ui-culture"];

    public static void AddPublicTransparency(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PublicOptions>().BindConfiguration(PublicOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PublicQueries>();

        var options = builder.Configuration.GetSection(PublicOptions.SectionName).Get<PublicOptions>() ?? new PublicOptions();
        builder.Services.AddOutputCache(o => o.AddPolicy(CachePolicy, policy =>
        {
            if (options.CacheDuration <= TimeSpan.Zero)
            {
                policy.NoCache();
                return;
            }

            // The cache answers before authentication (UsePublicTransparency), where every request still looks
            // anonymous: a request that may be signed in (the sign-in cookie, or a bearer token, which the base policy
            // refuses) is neither answered from the cache nor stored, so a signed-in reader, whose layout shows their
            // name, always gets a fresh page and never one cached for somebody else.
            policy.With(context => !MayBeSignedIn(context.HttpContext))
                .Expire(options.CacheDuration)
                .SetVaryByQuery(VaryByQuery)
                .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name))
                .Tag(CacheTag);
        }));
    }

    /// <summary>
    /// After routing (so only endpoints with the <see cref="CachePolicy"/> are cached) and localization (the language
    /// is part of the key), before authentication, authorization and the rate limiter: an anonymous reader's cached
    /// answer skips them, as none of them changes what an anonymous reader of a public page gets (docs/performance.md).
    /// </summary>
    public static void UsePublicTransparency(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseOutputCache();
    }

    /// <summary>The request carries the sign-in cookie or an Authorization header, valid or not.</summary>
    internal static bool MayBeSignedIn(HttpContext context)
    {
        if (!StringValues.IsNullOrEmpty(context.Request.Headers.Authorization))
        {
            return true;
        }

        var cookie = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name;
        return cookie is not null && context.Request.Cookies.ContainsKey(cookie);
    }
}
