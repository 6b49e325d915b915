using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

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

    /// <summary>Password-reset requests (forgot and reset, pages and API together) per client address.</summary>
    [Range(1, 100_000)]
    public int PasswordResetPerMinute { get; set; } = 5;

    /// <summary>Reset links asked for one e-mail address, whoever asks and whether or not an account has it.</summary>
    [Range(1, 100_000)]
    public int PasswordResetPerEmailPerHour { get; set; } = 3;

    /// <summary>Exports of one's own data (pages and API together) per signed-in user: each reads every file they own.</summary>
    [Range(1, 100_000)]
    public int ExportsPerHour { get; set; } = 3;
}

/// <summary>Rate limits on the doors worth hammering, and the browser hardening headers on every answer.</summary>
public static class Protection
{
    public const string SignIn = "sign-in";
    public const string Register = "register";
    public const string Uploads = "uploads";
    public const string Messages = "messages";
    public const string PasswordReset = "password-reset";
    public const string Exports = "exports";

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
            // Only the form's submission counts: opening the page (or the link from the e-mail) is free.
            o.AddPolicy(PasswordReset, c => HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method)
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : FixedWindow("ip:" + c.Connection.RemoteIpAddress, limits.PasswordResetPerMinute, TimeSpan.FromMinutes(1)));
            // Opening the page is free; the download counts, through either door, per account.
            o.AddPolicy(Exports, c => !HostingExtensions.IsApi(c) && !HttpMethods.IsPost(c.Request.Method)
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : FixedWindow("export:" + c.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, limits.ExportsPerHour, TimeSpan.FromHours(1)));
        });
        builder.Services.AddSingleton<EmailRateLimiter>();
        TrustedProxyOptions.Add(builder.Services, builder.Configuration);
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
        return FixedWindow(key, permits, TimeSpan.FromMinutes(1));
    }

    internal static RateLimitPartition<string> FixedWindow(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        await Problems.TooManyRequests(context.HttpContext.Response, retry).ExecuteAsync(context.HttpContext);
    }
}

/// <summary>
/// The per-address limit of a door whose target is in the request body (the e-mail a reset link is asked for): the
/// rate-limiting middleware decides before the body is read, so the handler asks this one once it knows the address.
/// The key is what was typed, normalised, whether or not an account has it, so a refusal tells nothing either.
/// </summary>
public sealed class EmailRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public EmailRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.PasswordResetPerEmailPerHour;
        _limiter = PartitionedRateLimiter.Create<string, string>(email => Protection.FixedWindow(email, permits, TimeSpan.FromHours(1)));
    }

    /// <returns>Null when the request may go on, else how long to wait.</returns>
    public TimeSpan? TryAcquire(string normalizedEmail)
    {
        using var lease = _limiter.AttemptAcquire(normalizedEmail);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
            : TimeSpan.FromHours(1);
    }

    public void Dispose() => _limiter.Dispose();
}
