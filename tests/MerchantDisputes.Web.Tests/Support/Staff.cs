using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>Staff are created by an admin, never registered: tests create them as the admin tooling does, then sign in over the API.</summary>
public static class Staff
{
    public const string Password = "Staff-Passw0rd-1";

    public static async Task<ApiClient> SignInAsync(DisputesAppFactory app, string role, string? platformSlug = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"{role.ToUpperInvariant()}-{platformSlug}-{Guid.NewGuid():N}@staff.test";
        await CreateAsync(app, email, role, platformSlug);
        var client = new ApiClient(app.CreateClient());
        await SignInAsync(app, client, email, Password);
        return client;
    }

    /// <summary>Signs a person in over the API with password and, for roles that need it, an authenticator code.</summary>
    public static async Task SignInAsync(DisputesAppFactory app, ApiClient client, string email, string password)
    {
        var code = await Authenticator.EnsureEnrolledAsync(app, email) ? Authenticator.NextCode(app, email) : null;
        await Session.SignInAsync(client, email, password, code);
    }

    /// <summary>Creates a user in any role through AccountSeeding, the admin tooling's own path; returns its id.</summary>
    public static async Task<Guid> CreateAsync(
        DisputesAppFactory app, string email, string role, string? platformSlug = null, string password = Password, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = await AccountSeeding.EnsureUserAsync(users, db, clock, new SeedUser(email, displayName ?? role, role, platformSlug), password);
        return user.Id;
    }
}
