using System.Net;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Accounts;

public sealed class AccountTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_merchant_registers_signs_in_and_reads_their_profile()
    {
        var merchant = await Session.NewMerchantAsync(app, "lu.ming@shop.test");

        var me = await ApiClient.ReadAsync(await merchant.GetAsync("/api/v1/me"));

        Assert.Equal("lu.ming@shop.test", me.GetProperty("email").GetString());
        Assert.Equal("明记服饰批发", me.GetProperty("storeName").GetString());
        Assert.Equal("CN-GD", me.GetProperty("province").GetString());
        Assert.Equal("Male", me.GetProperty("gender").GetString());
        Assert.Equal(new[] { "Merchant" }, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task A_merchant_changes_their_province_and_the_next_case_is_filed_there()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var updated = await merchant.PutAsync("/api/v1/me", new { displayName = "卢明", storeName = "明记", province = "CN-ZJ", gender = (string?)null });
        var dispute = await Session.CreateAsync(merchant, ADispute.RefundOnly());

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("CN-ZJ", dispute.GetProperty("region").GetString());
    }

    [Theory]
    [InlineData("province", "CN-XX")]
    [InlineData("province", null)]
    [InlineData("email", "not-an-email")]
    [InlineData("password", "short")]
    [InlineData("displayName", "")]
    [InlineData("storeName", null)]
    public async Task Registration_with_a_bad_field_is_refused_on_that_field(string field, string? value)
    {
        var client = new ApiClient(app.CreateClient());
        var email = $"bad-{Guid.NewGuid():N}@shop.test";
        var body = AMerchant.Registration(field == "email" ? value! : email);
        body[field] = value;

        var response = await client.PostAsync("/api/v1/auth/register", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.ReadAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error on {field}");
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Mediator")]
    [InlineData("PlatformAgent")]
    [InlineData("Lawyer")]
    public async Task A_staff_role_cannot_be_self_registered(string role)
    {
        var client = new ApiClient(app.CreateClient());
        var email = $"{role.ToUpperInvariant()}-{Guid.NewGuid():N}@shop.test";
        var body = AMerchant.Registration(email).With("role", role);

        var response = await client.PostAsync("/api/v1/auth/register", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiClient.ReadAsync(response)).GetProperty("errors").TryGetProperty("role", out _));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_address_out_of_the_account_for_fifteen_minutes()
    {
        var email = $"lock-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(app, email);
        var client = new ApiClient(app.CreateClient());
        client.UseLanguage("en");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await client.PostAsync("/api/v1/auth/login", new { email, password = "Wrong-password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await client.PostAsync("/api/v1/auth/login", new { email, password = Session.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", (await ApiClient.ReadAsync(right)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);

        // Locked for this client address, by the sign-in throttle: Identity's account-wide lockout is not used for it.
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.Null(lockoutEnd);
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/login", new { email, password = Session.Password })).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_working_access_token()
    {
        var email = $"refresh-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(app, email);
        var client = new ApiClient(app.CreateClient());
        var login = await ApiClient.ReadAsync(await client.PostAsync("/api/v1/auth/login", new { email, password = Session.Password }));

        var refreshed = await client.PostAsync("/api/v1/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        client.UseToken((await ApiClient.ReadAsync(refreshed)).GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Demo_users_do_not_exist_outside_development()
    {
        var client = new ApiClient(app.CreateClient());

        var login = await client.PostAsync("/api/v1/auth/login", new { email = "merchant@demo.local", password = "Demo-Passw0rd!" });

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email!.EndsWith("@demo.local"))));
    }
}
