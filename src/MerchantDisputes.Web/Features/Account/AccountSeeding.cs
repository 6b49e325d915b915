using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// The first admin comes from configuration (Bootstrap:AdminEmail, Bootstrap:AdminPassword) in any environment;
/// the demo users of the README exist only in Development.
/// </summary>
public static class AccountSeeding
{
    public const string DemoPassword = "Demo-Passw0rd!";

    /// <summary>
    /// The demo Mediator, Lawyer and Admin have this authenticator key (Base32), so the README can tell a visitor what
    /// to add to an authenticator app. Development only; real staff scan their own key at their first sign-in.
    /// </summary>
    public const string DemoAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>Where Identity's user store keeps the authenticator key (a user token of its own provider).</summary>
    private const string IdentityStore = "[AspNetUserStore]";
    private const string AuthenticatorKeyToken = "AuthenticatorKey";

    private static readonly (string Email, string Name, string Role, string? Platform)[] DemoUsers =
    [
        ("admin@demo.local", "演示管理员", Roles.Admin, null),
        ("mediator@demo.local", "演示调解员", Roles.Mediator, null),
        ("lawyer@demo.local", "演示律师", Roles.Lawyer, null),
        ("agent-1688@demo.local", "1688 平台专员", Roles.PlatformAgent, "1688"),
        ("agent-aliexpress@demo.local", "速卖通平台专员", Roles.PlatformAgent, "aliexpress"),
        ("merchant@demo.local", "卢明", Roles.Merchant, null),
    ];

    public static async Task SeedAsync(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configuration);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        var adminEmail = configuration["Bootstrap:AdminEmail"];
        var adminPassword = configuration["Bootstrap:AdminPassword"];
        if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrEmpty(adminPassword))
        {
            await EnsureUserAsync(users, db, clock, new(adminEmail, "Administrator", Roles.Admin, null), adminPassword);
        }

        if (environment.IsDevelopment())
        {
            foreach (var demo in DemoUsers)
            {
                var user = await EnsureUserAsync(users, db, clock, new(demo.Email, demo.Name, demo.Role, demo.Platform), DemoPassword);
                if (SecondFactor.IsRequiredFor([demo.Role]) && !user.TwoFactorEnabled)
                {
                    await EnrolAuthenticatorAsync(users, user, DemoAuthenticatorKey);
                }
            }
        }
    }

    /// <summary>Creates a staff user (or the demo merchant) if the email is not taken yet.</summary>
    public static async Task<ApplicationUser> EnsureUserAsync(
        UserManager<ApplicationUser> users, DisputesDbContext db, TimeProvider clock, SeedUser seed, string password)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(seed);
        if (await users.FindByEmailAsync(seed.Email) is { } existing)
        {
            return existing;
        }

        var user = new ApplicationUser
        {
            Email = seed.Email,
            UserName = seed.Email,
            EmailConfirmed = true,
            DisplayName = seed.DisplayName,
            CreatedAt = clock.GetUtcNow(),
            PlatformId = seed.PlatformSlug is null
                ? null
                : await db.Platforms.Where(p => p.Slug == seed.PlatformSlug).Select(p => (int?)p.Id).SingleAsync(),
        };
        if (seed.Role == Roles.Merchant)
        {
            AccountService.Apply(user, new MerchantProfile(seed.DisplayName, "明记服饰批发", "CN-GD", Gender.Male));
        }

        Check(await users.CreateAsync(user, password), seed.Email);
        Check(await users.AddToRoleAsync(user, seed.Role), seed.Email);
        return user;
    }

    /// <summary>Gives a user a known authenticator key and turns two-factor sign-in on (demo staff, tests).</summary>
    public static async Task EnrolAuthenticatorAsync(UserManager<ApplicationUser> users, ApplicationUser user, string base32Key)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        Check(await users.SetAuthenticationTokenAsync(user, IdentityStore, AuthenticatorKeyToken, base32Key), user.Email ?? string.Empty);
        Check(await users.SetTwoFactorEnabledAsync(user, true), user.Email ?? string.Empty);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

public sealed record SeedUser(string Email, string DisplayName, string Role, string? PlatformSlug);
