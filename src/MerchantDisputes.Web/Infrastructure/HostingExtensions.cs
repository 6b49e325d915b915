using System.Text.Json.Serialization;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Notifications;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>The cross-cutting parts of the host: database, languages, errors, pages, health.</summary>
public static class HostingExtensions
{
    public static void AddPersistence(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPersistence(builder.Configuration, builder.Environment);
        builder.Services.AddEmailOutbox(
            builder.Configuration, PersistenceExtensions.DataDirectory(builder.Configuration, builder.Environment));
    }

    public static void AddLocalizationAndErrors(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures.Chinese)
                .AddSupportedCultures(Cultures.Supported)
                .AddSupportedUICultures(Cultures.Supported);
            // Pages are Chinese until the user picks English (query or remembered cookie); API clients
            // choose per request with Accept-Language.
            var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider { Options = o };
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(context => IsApi(context)
                    ? acceptLanguage.DetermineProviderCultureResult(context)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
        });
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        // Bad JSON must reach the exception handler so the client gets a field-level ProblemDetails.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }

    /// <summary>ASP.NET Core's setting for serving static assets changed on disk after the build.</summary>
    private const string ReloadStaticAssets = "ReloadStaticAssetsAtRuntime";

    public static void AddWebPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // No "Server: Kestrel" on answers: it tells an attacker what to try and a client nothing it needs.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        // Chinese text stays readable in the HTML instead of becoming &#x...; entities.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();

        // Run from a build (not a publish), MapStaticAssets watches wwwroot for edits and adds a catch-all route whose
        // constraint asks the disk whether every request's path is a file: 4 % of a case read under load
        // (docs/performance.md). Only Development edits wwwroot while the app runs; a setting given wins.
        if (!builder.Environment.IsDevelopment() && builder.Configuration[ReloadStaticAssets] is null)
        {
            builder.Configuration[ReloadStaticAssets] = "false";
        }
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await DatabaseStartup.PrepareAsync(app.Services, app.Lifetime.ApplicationStopping);
        await Features.Account.AccountSeeding.SeedAsync(app.Services, app.Environment, app.Configuration);
    }

    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static void MapWebPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        app.MapPost("/culture", SetCulture).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/culture", SetCulture).ExcludeFromDescription();
    }

    /// <summary>Remembers the chosen language for a year and goes back where the user was.</summary>
    private static IResult SetCulture(HttpContext context, string? culture, string? returnUrl)
    {
        var chosen = Cultures.Supported.Contains(culture) ? culture! : Cultures.Chinese;
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        var target = !string.IsNullOrEmpty(returnUrl) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        return Results.LocalRedirect(target);
    }
}

public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static string[] Supported { get; } = [Chinese, English];
}
