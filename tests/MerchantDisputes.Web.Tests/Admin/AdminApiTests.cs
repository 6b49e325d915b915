using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Admin;

/// <summary>/api/v1/admin: what the admin pages do, for API clients, with field-level ProblemDetails.</summary>
public sealed class AdminApiTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task An_admin_creates_staff_over_the_api_and_a_generated_password_comes_back_once()
    {
        var admin = await AdminAsync();
        var email = $"api-lawyer-{Guid.NewGuid():N}@staff.test";

        var response = await admin.PostAsync("/api/v1/admin/users", new { email, displayName = "接口律师", role = "Lawyer" });
        var body = await ApiClient.ReadAsync(response);
        var password = body.GetProperty("initialPassword").GetString()!;
        var lawyer = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, lawyer, email, password);
        var read = await ApiClient.ReadAsync(await admin.GetAsync(response.Headers.Location!.ToString()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("Lawyer", false), (read.GetProperty("role").GetString(), read.GetProperty("locked").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, (await ApiClient.ReadAsync(await admin.PostAsync("/api/v1/admin/users", new
        {
            email = $"api-m-{Guid.NewGuid():N}@staff.test", displayName = "调解员乙", role = "Mediator", password = "Chosen-By-Admin-1",
        }))).GetProperty("initialPassword").ValueKind);
    }

    [Fact]
    public async Task Refused_staff_come_back_as_field_errors()
    {
        var admin = await AdminAsync();
        var existing = await PageCast.CreateStaffAsync(app, Roles.Mediator);

        var missing = await admin.PostAsync("/api/v1/admin/users", new { role = "PlatformAgent" });
        var merchantRole = await admin.PostAsync("/api/v1/admin/users", new { email = "x@staff.test", displayName = "x", role = "Merchant" });
        var taken = await admin.PostAsync("/api/v1/admin/users", new { email = existing, displayName = "重复", role = "Mediator" });
        var weak = await admin.PostAsync("/api/v1/admin/users", new { email = "weak@staff.test", displayName = "弱", role = "Mediator", password = "short" });

        var errors = (await ApiClient.ReadAsync(missing)).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True(errors.TryGetProperty("email", out _) && errors.TryGetProperty("displayName", out _) && errors.TryGetProperty("platform", out _), errors.ToString());
        Assert.True((await ApiClient.ReadAsync(merchantRole)).GetProperty("errors").TryGetProperty("role", out _));
        Assert.True((await ApiClient.ReadAsync(taken)).GetProperty("errors").TryGetProperty("email", out _));
        Assert.True((await ApiClient.ReadAsync(weak)).GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Role_platform_and_lock_change_over_the_api()
    {
        var admin = await AdminAsync();
        var email = await PageCast.CreateStaffAsync(app, Roles.Mediator);
        var found = await ApiClient.ReadAsync(await admin.GetAsync($"/api/v1/admin/users?email={Uri.EscapeDataString(email)}"));
        var id = Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetString();

        var agent = await ApiClient.ReadAsync(await admin.PutAsync($"/api/v1/admin/users/{id}", new { role = "PlatformAgent", platform = "jd" }));
        var locked = await ApiClient.ReadAsync(await admin.PostAsync($"/api/v1/admin/users/{id}/lock", null));
        var login = await new ApiClient(app.CreateClient()).PostAsync("/api/v1/auth/login", new { email, password = PageCast.StaffPassword });
        var unlocked = await ApiClient.ReadAsync(await admin.PostAsync($"/api/v1/admin/users/{id}/unlock", null));
        var again = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, again, email, PageCast.StaffPassword);

        Assert.Equal(("PlatformAgent", "jd"), (agent.GetProperty("role").GetString(), agent.GetProperty("platform").GetString()));
        Assert.True(locked.GetProperty("locked").GetBoolean());
        Assert.NotEqual(HttpStatusCode.OK, login.StatusCode);
        Assert.False(unlocked.GetProperty("locked").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync($"/api/v1/admin/users/{Guid.NewGuid()}", new { role = "Lawyer" })).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_demote_or_lock_themselves()
    {
        var email = await PageCast.CreateStaffAsync(app, Roles.Admin);
        var admin = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, admin, email, PageCast.StaffPassword);
        var me = await ApiClient.ReadAsync(await admin.GetAsync($"/api/v1/admin/users?email={Uri.EscapeDataString(email)}"));
        var id = me.GetProperty("items")[0].GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync($"/api/v1/admin/users/{id}", new { role = "Mediator" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/v1/admin/users/{id}/lock", null)).StatusCode);
    }

    [Fact]
    public async Task Platforms_are_added_renamed_and_deactivated_over_the_api()
    {
        var admin = await AdminAsync();

        var created = await admin.PostAsync("/api/v1/admin/platforms", new { slug = "kuaishou", nameZh = "快手电商", nameEn = "Kuaishou" });
        var badSlug = await admin.PostAsync("/api/v1/admin/platforms", new { slug = "Kuai Shou", nameZh = "快手", nameEn = "Kuaishou" });
        var duplicate = await admin.PostAsync("/api/v1/admin/platforms", new { slug = "kuaishou", nameZh = "快手", nameEn = "Kuaishou" });
        var publicBefore = await ApiClient.ReadAsync(await admin.GetAsync("/api/v1/platforms"));
        var renamed = await admin.PutAsync("/api/v1/admin/platforms/kuaishou", new { nameZh = "快手小店", nameEn = "Kuaishou Shop", isActive = false });
        var publicAfter = await ApiClient.ReadAsync(await admin.GetAsync("/api/v1/platforms"));
        var all = await ApiClient.ReadAsync(await admin.GetAsync("/api/v1/admin/platforms"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await ApiClient.ReadAsync(created)).GetProperty("id").GetInt32() > 10);
        Assert.True((await ApiClient.ReadAsync(badSlug)).GetProperty("errors").TryGetProperty("slug", out _));
        Assert.True((await ApiClient.ReadAsync(duplicate)).GetProperty("errors").TryGetProperty("slug", out _));
        Assert.Contains(publicBefore.EnumerateArray(), p => p.GetProperty("slug").GetString() == "kuaishou");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.DoesNotContain(publicAfter.EnumerateArray(), p => p.GetProperty("slug").GetString() == "kuaishou");
        var kuaishou = Assert.Single(all.EnumerateArray(), p => p.GetProperty("slug").GetString() == "kuaishou");
        Assert.Equal(("快手小店", false), (kuaishou.GetProperty("nameZh").GetString(), kuaishou.GetProperty("isActive").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync("/api/v1/admin/platforms/nope", new { nameZh = "无", nameEn = "None" })).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Mediator)]
    [InlineData(Roles.Lawyer)]
    [InlineData(Roles.PlatformAgent)]
    [InlineData(Roles.Merchant)]
    public async Task Every_other_role_gets_403_and_anonymous_callers_401(string role)
    {
        ApiClient client;
        if (role == Roles.Merchant)
        {
            client = await Session.NewMerchantAsync(app);
        }
        else
        {
            client = new ApiClient(app.CreateClient());
            await Staff.SignInAsync(app, client, await PageCast.CreateStaffAsync(app, role, role == Roles.PlatformAgent ? "1688" : null), PageCast.StaffPassword);
        }

        var calls = new Func<ApiClient, Task<HttpResponseMessage>>[]
        {
            c => c.GetAsync("/api/v1/admin/users"),
            c => c.PostAsync("/api/v1/admin/users", new { email = "sneaky@staff.test", displayName = "x", role = "Admin", password = "Sneaky-Admin-1" }),
            c => c.PutAsync($"/api/v1/admin/users/{Guid.NewGuid()}", new { role = "Admin" }),
            c => c.PostAsync($"/api/v1/admin/users/{Guid.NewGuid()}/lock", null),
            c => c.GetAsync("/api/v1/admin/platforms"),
            c => c.PostAsync("/api/v1/admin/platforms", new { slug = "sneaky", nameZh = "x", nameEn = "x" }),
            c => c.PutAsync("/api/v1/admin/platforms/1688", new { nameZh = "x", nameEn = "x" }),
        };
        var anonymous = new ApiClient(app.CreateClient());

        foreach (var call in calls)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await call(client)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await call(anonymous)).StatusCode);
        }
    }

    private async Task<ApiClient> AdminAsync()
    {
        var admin = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, admin, await PageCast.CreateStaffAsync(app, Roles.Admin), PageCast.StaffPassword);
        return admin;
    }
}
