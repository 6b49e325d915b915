namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>The public transparency area: anonymous feed, statistics, rankings, platform pages and the yearly report.</summary>
public static class PublicExtensions
{
    public static void AddPublicTransparency(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PublicOptions>().BindConfiguration(PublicOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PublicQueries>();
        builder.Services.AddSingleton<PublicCache>();
    }

    /// <summary>
    /// After the security headers (a kept answer carries them anyway) and before localization (the cache works out the
    /// language the request will be given, part of the key), the status-code pages, routing, authentication,
    /// authorization and the rate limiter: an anonymous reader's kept answer skips them, as none of
    /// them changes what an anonymous reader of a public page gets (<see cref="PublicCache"/>, docs/performance.md).
    /// </summary>
    public static void UsePublicTransparency(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cache = app.ApplicationServices.GetRequiredService<PublicCache>();
        app.Use(cache.InvokeAsync);
    }
}
