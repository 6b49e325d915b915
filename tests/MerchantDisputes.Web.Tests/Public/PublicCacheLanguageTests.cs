using System.Globalization;
using MerchantDisputes.Web.Features.Transparency;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// The public cache answers before localization, so it works out the request's language itself for its key: it must
/// be the language the app's own localization middleware then gives the request, or a reader would get an answer
/// kept for another language. Both run here on the same requests, with the app's configured options.
/// </summary>
public sealed class PublicCacheLanguageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    public static TheoryData<string, string, string?, string?> Requests() => new()
    {
        { "/api/v1/public/stats", "", null, null },
        { "/api/v1/public/stats", "", null, "en" },
        { "/api/v1/public/stats", "", null, "en-US,en;q=0.9" },
        { "/api/v1/public/stats", "", null, "en-GB" },
        { "/api/v1/public/stats", "", null, "fr-FR,fr;q=0.9" },
        { "/api/v1/public/stats", "", null, "zh-TW,zh;q=0.8,en;q=0.5" },
        { "/api/v1/public/stats", "", null, "de;q=1, fr;q=0.9, es;q=0.8, en;q=0.7" },
        { "/api/v1/public/stats", "", null, "en;q=0.1, zh-CN;q=0.9" },
        { "/api/v1/public/stats", "", null, "*" },
        { "/api/v1/public/stats", "", null, "garbage;;;q=x" },
        { "/api/v1/public/stats", "?culture=en", null, "zh-CN" },
        { "/api/v1/public/stats", "?ui-culture=en", null, null },
        { "/api/v1/public/stats", "?culture=zh-CN&ui-culture=en", null, null },
        { "/api/v1/public/stats", "?culture=fr", null, "en" },
        { "/api/v1/public/stats", "?culture=EN-us", null, null },
        { "/api/v1/public/stats", "", "c=en|uic=en", null },
        { "/api/v1/public/stats", "", "c=en|uic=zh-CN", "en" },
        { "/Public", "", null, "en" },
        { "/Public", "", "c=en|uic=en", null },
        { "/Public", "", "c=fr|uic=fr", null },
        { "/Public", "", "nonsense", null },
        { "/Public", "?culture=en", "c=zh-CN|uic=zh-CN", null },
        { "/Platforms/taobao", "?ui-culture=en-AU", null, null },
        { "/reports/2026", "?culture=xx-invalid", null, null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_cache_keys_a_request_by_the_language_localization_then_gives_it(
        string path, string query, string? cookie, string? acceptLanguage)
    {
        var context = Request(path, query, cookie, acceptLanguage);
        var cache = app.Services.GetRequiredService<PublicCache>();
        string? localized = null;
        var localization = new RequestLocalizationMiddleware(
            _ =>
            {
                localized = CultureInfo.CurrentUICulture.Name;
                return Task.CompletedTask;
            },
            app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>(),
            app.Services.GetRequiredService<ILoggerFactory>());

        var keyed = await cache.LanguageOfAsync(context);
        await localization.Invoke(context);

        Assert.Equal(localized, keyed);
    }

    private DefaultHttpContext Request(string path, string query, string? cookie, string? acceptLanguage)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = CookieRequestCultureProvider.DefaultCookieName + "=" + Uri.EscapeDataString(cookie);
        }

        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        return context;
    }
}
