using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

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
            // The base policy caches only anonymous GET/HEAD 200 answers without Set-Cookie, so a signed-in
            // reader (whose layout shows their name) always gets a fresh page and never a cached one.
            if (options.CacheDuration <= TimeSpan.Zero)
            {
                policy.NoCache();
                return;
            }

            policy.Expire(options.CacheDuration)
                .SetVaryByQuery(VaryByQuery)
                .VaryByValue(_ => new KeyValuePair<string, string>("lang", CultureInfo.CurrentUICulture.Name))
                .Tag(CacheTag);
        }));
    }

    /// <summary>After routing (so endpoint policies apply), authentication and localization (so both are known).</summary>
    public static void UsePublicTransparency(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseOutputCache();
    }
}
