using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>Section "RateLimits": requests per minute, per signed-in user or else per client address.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    [Range(1, 100_000)]
    public int SignInPerMinute { get; set; } = 10;

    [Range(1, 100_000)]
    public int RegisterPerMinute { get; set; } = 5;

    [Range(1, 100_000)]
    public int UploadsPerMinute { get; set; } = 60;

    [Range(1, 100_000)]
    public int MessagesPerMinute { get; set; } = 30;
}

/// <summary>Rate limits on the doors worth hammering, and the browser hardening headers on every answer.</summary>
public static class Protection
{
    public const string SignIn = "sign-in";
    public const string Register = "register";
    public const string Uploads = "uploads";
    public const string Messages = "messages";

    public static void AddProtection(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.AddPolicy(SignIn, c => PerMinute(c, limits.SignInPerMinute));
            o.AddPolicy(Register, c => PerMinute(c, limits.RegisterPerMinute));
            o.AddPolicy(Uploads, c => PerMinute(c, limits.UploadsPerMinute));
            o.AddPolicy(Messages, c => PerMinute(c, limits.MessagesPerMinute));
        });
        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        }
    }

    /// <summary>What a page may load: its own scripts, styles and images, nothing inline, never framed.</summary>
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// An API answer is data, never a document: should a browser open one, nothing may load from it and nothing may
    /// frame it. An endpoint that serves a file sets its own policy (evidence: <c>default-src 'none'; sandbox</c>).
    /// </summary>
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// No inline script anywhere, nothing from other origins, never framed: every answer gets the page policy, or the
    /// API's. The job dashboard (Hangfire's own pages, admins only) needs inline script and keeps its own policy.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            if (!context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase) && !headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = HostingExtensions.IsApi(context) ? ApiPolicy : PagePolicy;
            }

            await next(context);
        });
    }

    private static RateLimitPartition<string> PerMinute(HttpContext context, int permits)
    {
        var key = context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
            : "ip:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(Problems.Text("Problem.TooManyRequests"), statusCode: StatusCodes.Status429TooManyRequests, title: Problems.Text("Problem.TooManyRequests.Title"))
            .ExecuteAsync(context.HttpContext);
    }
}
