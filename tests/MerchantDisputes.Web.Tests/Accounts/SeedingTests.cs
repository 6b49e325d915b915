using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Accounts;

public sealed class DevelopmentAppFactory : DisputesAppFactory
{
    protected override string EnvironmentName => "Development";
}

public sealed class BootstrapAdminAppFactory : DisputesAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Bootstrap:AdminEmail", "ops@channel.test"),
        new("Bootstrap:AdminPassword", "First-Admin-Passw0rd"),
    ];
}

public sealed class DevelopmentSeedingTests(DevelopmentAppFactory app) : IClassFixture<DevelopmentAppFactory>
{
    [Theory]
    [InlineData("admin@demo.local", "Admin", null)]
    [InlineData("mediator@demo.local", "Mediator", null)]
    [InlineData("lawyer@demo.local", "Lawyer", null)]
    [InlineData("agent-1688@demo.local", "PlatformAgent", "1688")]
    [InlineData("agent-aliexpress@demo.local", "PlatformAgent", "aliexpress")]
    [InlineData("merchant@demo.local", "Merchant", null)]
    public async Task Development_seeds_one_demo_user_per_role(string email, string role, string? platform)
    {
        var client = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, client, email, "Demo-Passw0rd!");

        var me = await ApiClient.ReadAsync(await client.GetAsync("/api/v1/me"));

        Assert.Equal(new[] { role }, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(platform, me.GetProperty("platform").GetString());
    }
}

public sealed class BootstrapAdminTests(BootstrapAdminAppFactory app) : IClassFixture<BootstrapAdminAppFactory>
{
    [Fact]
    public async Task The_first_admin_comes_from_configuration()
    {
        var client = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, client, "ops@channel.test", "First-Admin-Passw0rd");

        var me = await ApiClient.ReadAsync(await client.GetAsync("/api/v1/me"));

        Assert.Equal(new[] { "Admin" }, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_admin_cannot_file_a_dispute()
    {
        var client = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, client, "ops@channel.test", "First-Admin-Passw0rd");

        var response = await client.PostAsync("/api/v1/disputes", ADispute.RefundOnly());

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
