using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Caching;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Admin;
using MerchantDisputes.Web.Features.Disputes;
using MerchantDisputes.Web.Features.Evidence;
using MerchantDisputes.Web.Features.Jobs;
using MerchantDisputes.Web.Features.Notifications;
using MerchantDisputes.Web.Features.Platforms;
using MerchantDisputes.Web.Features.Privacy;
using MerchantDisputes.Web.Features.Transparency;
using MerchantDisputes.Web.Features.Workflow;
using MerchantDisputes.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(DemoDataExtensions.WithoutFlag(args));

builder.AddTelemetry();
builder.AddPersistence();
builder.AddLocalizationAndErrors();
builder.AddProtection();
builder.AddAccounts();
builder.AddDisputes();
builder.AddEvidence();
builder.AddWorkflow();
builder.AddAdmin();
builder.AddPrivacy();
builder.AddJobs();
builder.AddPublicTransparency();
builder.AddPublicAnswers();
builder.AddWebPages();
builder.AddHealth();
builder.AddDemoData(args);

var app = builder.Build();

await app.PrepareDatabaseAsync();
await app.SeedDemoDataIfAskedAsync();

// The middleware, in the order a request meets it:
// 1. Errors: pages get /Error, a locked database a 503 with Retry-After (the API: ApiExceptionMiddleware, step 5).
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    StatusCodeSelector = e => DatabaseBusy.Is(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
});
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

// 2. Security headers on every answer, cached ones included.
app.UseSecurityHeaders();
// 3. The language: query, cookie, then Accept-Language for the API.
app.UseRequestLocalization();
// 4. Public answers: a cached one (compressed once when cached) stops here.
app.UsePublicAnswers();
// 5. Status-code pages: ProblemDetails for the API, the error page for pages.
app.UseWhen(HostingExtensions.IsApi, api => api.UseStatusCodePages().UseMiddleware<ApiExceptionMiddleware>());
app.UseWhen(c => !HostingExtensions.IsApi(c), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
// 6. Static files, then routing, who the caller is, what they may do, the second factor, rate limits.
app.MapStaticAssets();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseSecondFactorGate();
app.UseRateLimiter();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapHealth();
app.MapJobs();
if (!app.IsJobsOnly())
{
    app.MapAuthApi();
    app.MapMeApi();
    app.MapPrivacyApi();
    app.MapPlatformsApi();
    app.MapDisputesApi();
    app.MapEvidenceApi();
    app.MapCaseBundle();
    app.MapWorkflowApi();
    app.MapNotificationsApi();
    app.MapPublicApi();
    app.MapAdminApi();
    app.MapWebPages();
}

await app.RunAsync();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
