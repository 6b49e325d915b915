using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>
/// The authenticator app of the test staff: every Mediator, Lawyer and Admin a test signs in has "scanned" the demo
/// key, and codes come from the app's own clock. The server takes each code once, so a second sign-in of one person
/// uses the next step's code (accepted as clock drift) and, past that, moves the fake clock on by a step.
/// </summary>
public static class Authenticator
{
    public const string Key = AccountSeeding.DemoAuthenticatorKey;

    /// <summary>
    /// Enrols the person with <see cref="Key"/> when their role needs a second factor and they have none yet.
    /// </summary>
    /// <returns>Whether their sign-in now asks for a code (enrolled here, before, or by choice).</returns>
    public static async Task<bool> EnsureEnrolledAsync(DisputesAppFactory app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return false;
        }

        if (!user.TwoFactorEnabled && SecondFactor.IsRequiredFor(await users.GetRolesAsync(user)))
        {
            await AccountSeeding.EnrolAuthenticatorAsync(users, user, Key);
        }

        return user.TwoFactorEnabled;
    }

    /// <summary>A code the server has not seen from this person yet.</summary>
    public static string NextCode(DisputesAppFactory app, string email, string key = Key)
    {
        ArgumentNullException.ThrowIfNull(app);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        lock (app.AuthenticatorSteps)
        {
            var now = Totp.StepAt(clock.GetUtcNow());
            var step = app.AuthenticatorSteps.TryGetValue(email, out var last) ? Math.Max(now, last + 1) : now;
            if (step > now + 1)
            {
                var fake = clock as FakeTimeProvider ?? throw new InvalidOperationException("Too many sign-ins of one person within a minute of real time.");
                fake.Advance(Totp.Step * (step - now - 1));
            }

            app.AuthenticatorSteps[email] = step;
            return Totp.Code(key, step);
        }
    }
}
