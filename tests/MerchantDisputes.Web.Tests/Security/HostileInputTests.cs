using System.Net;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Infrastructure;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>Issue 22's small findings: each reproduces what an attacker sent, and fails without its fix.</summary>
public sealed class HostileInputTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_due_date_at_the_end_of_the_calendar_is_refused_on_the_page_not_a_500()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");

        var answer = await PageCast.ActAsync(mediator, id, "RequestInfo", new() { ["message"] = "请补充退货底单", ["dueBy"] = "9999-12-31" });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("补充期限的取值无效。", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_due_date_years_away_is_a_field_error_through_the_API()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await Uploads.SubmittedCaseAsync(merchant, ADispute.RefundOnly("1688"), seed: 7301);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);

        var answer = await mediator.PostAsync($"/api/v1/disputes/{id}/request-info", new { message = "请补充退货底单", dueBy = "9999-12-31T00:00:00+08:00" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True((await ApiClient.ReadAsync(answer)).GetProperty("errors").TryGetProperty("dueBy", out _));
    }

    [Fact]
    public async Task An_unexpected_error_in_an_API_handler_answers_ProblemDetails_not_the_HTML_error_page()
    {
        using var scope = app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/api/v1/disputes";
        context.Response.Body = new MemoryStream();
        var middleware = new ApiExceptionMiddleware(_ => throw new InvalidOperationException("a fault nobody foresaw"), NullLogger<ApiExceptionMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.DoesNotContain("a fault nobody foresaw", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Kestrel_sends_no_Server_header()
    {
        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public async Task An_unknown_query_parameter_on_a_public_page_redirects_to_the_canonical_URL_and_is_never_cached()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = DisputesAppFactory.Https, HandleCookies = false, AllowAutoRedirect = false,
        });

        var poisoned = await anonymous.GetAsync("/Public?page=5&x=%22%3E%3Cb%3Einjected");
        var canonical = await anonymous.GetStringAsync("/Public?page=5");
        var again = await anonymous.GetAsync("/Public?page=5");

        Assert.Equal(HttpStatusCode.Redirect, poisoned.StatusCode);
        Assert.Equal("/Public?page=5", poisoned.Headers.Location?.OriginalString);
        Assert.DoesNotContain("injected", canonical, StringComparison.Ordinal);
        Assert.DoesNotContain("injected", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(again.Headers.Age);
    }

    [Fact]
    public async Task A_language_chosen_in_the_query_is_answered_but_not_cached()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, HandleCookies = false });

        await anonymous.GetAsync("/Public?page=6&culture=en");
        var second = await anonymous.GetAsync("/Public?page=6&culture=en");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(second.Headers.Age);
        Assert.Contains("<html lang=\"en\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
