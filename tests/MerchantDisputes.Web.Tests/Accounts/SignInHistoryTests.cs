using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Accounts;

/// <summary>Issue 8: every sign-in step on an account is kept, and the person and an admin can read it.</summary>
public sealed class SignInHistoryTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_merchant_sees_failed_and_successful_sign_ins_newest_first()
    {
        var email = $"history-{Guid.NewGuid():N}@shop.test";
        var merchant = await Session.NewMerchantAsync(app, email);
        var phone = new ApiClient(app.CreateClient());
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd("TestPhone/1.0");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await phone.PostAsync("/api/v1/auth/login", new { email, password = "Wrong-password-1" });
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Session.SignInAsync(phone, email, Session.Password);

        var history = (await ApiClient.ReadAsync(await phone.GetAsync("/api/v1/me/sign-ins"))).EnumerateArray().ToList();

        Assert.Equal(["Succeeded", "Failed", "Succeeded"], history.Select(e => e.GetProperty("outcome").GetString()));
        Assert.All(history, e => Assert.Equal("Password", e.GetProperty("method").GetString()));
        Assert.All(history, e => Assert.True(e.GetProperty("viaApi").GetBoolean()));
        Assert.Equal("TestPhone/1.0", history[0].GetProperty("userAgent").GetString());
        Assert.Equal(app.Clock.GetUtcNow(), history[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/v1/me/sign-ins")).StatusCode);
    }

    [Fact]
    public async Task Staff_steps_are_kept_and_shown_to_them_and_to_an_admin()
    {
        var email = await PageCast.CreateStaffAsync(app, Roles.Lawyer);
        var lawyer = await Browser.SignedInAsync(app, email, PageCast.StaffPassword);
        var admin = await Staff.SignInAsync(app, Roles.Admin);
        var id = (await ApiClient.ReadAsync(await admin.GetAsync($"/api/v1/admin/users?email={Uri.EscapeDataString(email)}")))
            .GetProperty("items")[0].GetProperty("id").GetString();

        var own = await lawyer.GetStringAsync("/Account/Security");
        var seenByAdmin = (await ApiClient.ReadAsync(await admin.GetAsync($"/api/v1/admin/users/{id}/sign-ins"))).EnumerateArray().ToList();
        var adminPage = await (await Browser.SignedInAsync(app, await PageCast.CreateStaffAsync(app, Roles.Admin), PageCast.StaffPassword))
            .GetStringAsync($"/Admin/Users/{id}");

        Assert.Equal([("Succeeded", "Authenticator"), ("SecondFactorRequired", "Password")], seenByAdmin.Select(Step));
        Assert.All(seenByAdmin, e => Assert.False(e.GetProperty("viaApi").GetBoolean()));
        Assert.Contains("验证器验证码", own, StringComparison.Ordinal);
        Assert.Contains("密码正确，待验证码", own, StringComparison.Ordinal);
        Assert.Contains("两步验证：已开启", own, StringComparison.Ordinal);
        Assert.Contains("登录记录", adminPage, StringComparison.Ordinal);
        Assert.Contains("验证器验证码", adminPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/users/{Guid.NewGuid()}/sign-ins")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_authenticator_code_is_kept_as_a_failed_step()
    {
        var email = await PageCast.CreateStaffAsync(app, Roles.Mediator);
        await Authenticator.EnsureEnrolledAsync(app, email);
        var client = new ApiClient(app.CreateClient());

        await client.PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword, twoFactorCode = "000000" });
        await Staff.SignInAsync(app, client, email, PageCast.StaffPassword);

        var history = (await ApiClient.ReadAsync(await client.GetAsync("/api/v1/me/sign-ins"))).EnumerateArray().Select(Step).ToList();

        Assert.Equal(
            [("Succeeded", "Authenticator"), ("SecondFactorRequired", "Password"), ("Failed", "Authenticator"), ("SecondFactorRequired", "Password")],
            history);
    }

    private static (string?, string?) Step(JsonElement e) => (e.GetProperty("outcome").GetString(), e.GetProperty("method").GetString());
}
