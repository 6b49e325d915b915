using System.Net;
using System.Net.Http.Headers;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.Accounts;

/// <summary>
/// Issue 8: a bearer token stops working within the stamp-validation minute once its account is locked or its
/// authenticator reset, as the sign-in cookie does; other people's tokens go on working.
/// </summary>
public sealed class BearerStampTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_locked_merchants_token_stops_working_and_others_do_not()
    {
        var email = $"locked-{Guid.NewGuid():N}@shop.test";
        var locked = await Session.NewMerchantAsync(app, email);
        var bystander = await Session.NewMerchantAsync(app);
        var admin = await Staff.SignInAsync(app, Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await locked.GetAsync("/api/v1/me")).StatusCode);

        await LockAsync(admin, email);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var refused = await locked.GetAsync("/api/v1/disputes");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("已失效", (await ApiClient.ReadAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/api/v1/disputes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_reset_authenticator_ends_the_staff_members_api_token()
    {
        var email = await Pages.PageCast.CreateStaffAsync(app, Roles.Mediator);
        var mediator = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, mediator, email, Pages.PageCast.StaffPassword);
        var admin = await Staff.SignInAsync(app, Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync("/api/v1/disputes")).StatusCode);

        var id = await IdOfAsync(admin, email);
        await admin.PostAsync($"/api/v1/admin/users/{id}/two-factor/reset", null);
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await mediator.GetAsync("/api/v1/disputes")).StatusCode);
    }

    [Fact]
    public async Task A_stale_token_is_no_one_where_anyone_may_come_so_its_owner_can_sign_in_again()
    {
        var email = $"stale-{Guid.NewGuid():N}@shop.test";
        var merchant = await Session.NewMerchantAsync(app, email);
        var admin = await Staff.SignInAsync(app, Roles.Admin);
        var id = await IdOfAsync(admin, email);
        await LockAsync(admin, email);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/users/{id}/unlock", null)).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await merchant.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/v1/platforms")).StatusCode);
        await Session.SignInAsync(merchant, email, Session.Password);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_answers_for_the_api_only_and_a_refused_one_is_told_the_bearer_scheme()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var token = merchant.Http.DefaultRequestHeaders.Authorization!;
        var noRedirects = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        noRedirects.DefaultRequestHeaders.Authorization = token;

        var page = await noRedirects.GetAsync("/Disputes");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        noRedirects.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        var refused = await noRedirects.GetAsync("/api/v1/disputes");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", Assert.Single(refused.Headers.WwwAuthenticate).Scheme);
        Assert.Null(refused.Headers.Location);
    }

    private static async Task LockAsync(ApiClient admin, string email) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/users/{await IdOfAsync(admin, email)}/lock", null)).StatusCode);

    private static async Task<string?> IdOfAsync(ApiClient admin, string email) =>
        (await ApiClient.ReadAsync(await admin.GetAsync($"/api/v1/admin/users?email={Uri.EscapeDataString(email)}")))
            .GetProperty("items")[0].GetProperty("id").GetString();
}
