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

    /// <summary>
    /// Uploads one account may have in flight at once, from the first byte of the request to the answer: a slow body
    /// keeps only its own account's permit, never a decode slot (issue 22). More answer 429.
    /// </summary>
    [Range(1, 1_000)]
    public int ConcurrentUploadsPerAccount { get; set; } = 2;

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
            // A page that mirrors a limited API action carries the same policy: same counter, same partition (the
            // account), whichever door is used. Only the page's handlers for that action count; opening it is free.
            o.AddPolicy(Uploads, c => Counts(c, UploadHandlers) ? UploadPartition(c, limits) : NoLimit);
            o.AddPolicy(Messages, c => Counts(c, MessageHandlers) ? PerMinute(c, limits.MessagesPerMinute) : NoLimit);
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

    /// <summary>The page handlers (<c>?handler=</c>) that do what the API's upload endpoint does.</summary>
    private static readonly string[] UploadHandlers = ["Upload", "Contest"];

    /// <summary>The page handlers that post a message, as <c>POST /api/v1/disputes/{id}/messages</c> does.</summary>
    private static readonly string[] MessageHandlers = ["Message"];

    private static readonly RateLimitPartition<string> NoLimit = RateLimitPartition.GetNoLimiter(string.Empty);

    /// <summary>Every API request of the endpoint counts; of a page, only a POST to one of <paramref name="handlers"/>.</summary>
    private static bool Counts(HttpContext context, string[] handlers)
    {
        if (HostingExtensions.IsApi(context))
        {
            return true;
        }

        var handler = context.Request.Query["handler"].ToString();
        return HttpMethods.IsPost(context.Request.Method) && handlers.Contains(handler, StringComparer.OrdinalIgnoreCase);
    }

    private static RateLimitPartition<string> PerMinute(HttpContext context, int permits) =>
        FixedWindow(PartitionKey(context), permits, TimeSpan.FromMinutes(1));

    /// <summary>Per minute and, at the same time, at most a few in flight per account.</summary>
    private static RateLimitPartition<string> UploadPartition(HttpContext context, RateLimitOptions limits) =>
        RateLimitPartition.Get(PartitionKey(context), _ => RateLimiter.CreateChained(
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limits.UploadsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }),
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = limits.ConcurrentUploadsPerAccount, QueueLimit = 0 })));

    /// <summary>The account, whether it signed in by cookie (pages) or bearer token (API); else the client address.</summary>
    private static string PartitionKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
            : "ip:" + context.Connection.RemoteIpAddress;

    internal static RateLimitPartition<string> FixedWindow(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    /// <summary>
    /// A window limit says when to come back; the in-flight upload limit has no such time (a concurrency lease carries
    /// no Retry-After) and says instead that the account's other uploads must finish first.
    /// </summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var result = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? Problems.TooManyRequests(response, after)
            : Problems.TooManyUploads(response);
        await result.ExecuteAsync(context.HttpContext);
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
