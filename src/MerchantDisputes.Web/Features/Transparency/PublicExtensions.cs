namespace MerchantDisputes.Web.Features.Transparency;

/// <summary>
/// The public transparency area: anonymous feed, statistics, rankings, platform pages and the yearly report. Their
/// answers are cached by <c>Caching/PublicAnswers</c> (the endpoints carry <c>[PublicAnswer]</c>).
/// </summary>
public static class PublicExtensions
{
    public static void AddPublicTransparency(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<PublicQueries>();
    }
}
