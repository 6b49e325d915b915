using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Admin;
using MerchantDisputes.Web.Features.Disputes;
using MerchantDisputes.Web.Features.Evidence;
using MerchantDisputes.Web.Features.Jobs;
using MerchantDisputes.Web.Features.Notifications;
using MerchantDisputes.Web.Features.Platforms;
using MerchantDisputes.Web.Features.Transparency;
using MerchantDisputes.Web.Features.Workflow;
using MerchantDisputes.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddTelemetry();
builder.AddPersistence();
builder.AddLocalizationAndErrors();
builder.AddProtection();
builder.AddAccounts();
builder.AddDisputes();
builder.AddEvidence();
builder.AddWorkflow();
builder.AddAdmin();
builder.AddJobs();
builder.AddPublicTransparency();
builder.AddWebPages();
builder.AddHealth();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseWebPipeline();
app.MapHealth();
app.MapJobs();
if (!app.IsJobsOnly())
{
    app.MapAuthApi();
    app.MapMeApi();
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
