using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Workflow.Support;

/// <summary>A signed-in user: who they are, in which role, and the API client that speaks for them.</summary>
public sealed record Person(Guid Id, string Email, string Role, string? Platform, ApiClient Api)
{
    public override string ToString() => Platform is null ? Role : $"{Role}({Platform})";
}

/// <summary>
/// Merchants register through the API like any client. Staff cannot register, and "Testing" seeds no demo users,
/// so staff are created the way an admin's tooling would (AccountSeeding) and then sign in through the API.
/// </summary>
public static class People
{
    public const string StaffPassword = "Staff-Passw0rd-42";

    public static async Task<Person> MerchantAsync(DisputesAppFactory app)
    {
        var client = await Session.NewMerchantAsync(app);
        var me = await ApiClient.ReadAsync(await client.GetAsync("/api/v1/me"));
        return new Person(me.GetProperty("id").GetGuid(), me.GetProperty("email").GetString()!, Roles.Merchant, null, client);
    }

    public static async Task<Person> StaffAsync(DisputesAppFactory app, string role, string? platformSlug = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"{role.ToUpperInvariant()}-{platformSlug ?? "channel"}-{Guid.NewGuid():N}@staff.test";
        var id = await Staff.CreateAsync(app, email, role, platformSlug, StaffPassword, role + " 测试");

        var client = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, client, email, StaffPassword);
        return new Person(id, email, role, platformSlug, client);
    }
}
