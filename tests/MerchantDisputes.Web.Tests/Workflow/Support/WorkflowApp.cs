using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Workflow.Support;

/// <summary>Everyone a case can meet, signed in once per app.</summary>
public sealed record Cast(
    Person Owner,
    Person OtherMerchant,
    Person Mediator,
    Person OtherMediator,
    Person Agent,
    Person OtherAgent,
    Person Lawyer,
    Person Admin);

/// <summary>
/// One app per test class with its staff already created and signed in. Bearer tokens live one hour of the
/// app's clock: a test that advances <see cref="DisputesAppFactory.Clock"/> far must sign in again.
/// </summary>
public sealed class WorkflowApp : DisputesAppFactory, IAsyncLifetime
{
    /// <summary>The platform <see cref="Cast.Agent"/> answers for; the builders file against it by default.</summary>
    public const string Platform = "1688";

    public const string OtherPlatform = "aliexpress";

    private Cast? _cast;

    public Cast Cast => _cast ?? throw new InvalidOperationException("The cast is created in InitializeAsync.");

    public async Task InitializeAsync()
    {
        var people = await Task.WhenAll(
            People.MerchantAsync(this),
            People.MerchantAsync(this),
            People.StaffAsync(this, Roles.Mediator),
            People.StaffAsync(this, Roles.Mediator),
            People.StaffAsync(this, Roles.PlatformAgent, Platform),
            People.StaffAsync(this, Roles.PlatformAgent, OtherPlatform),
            People.StaffAsync(this, Roles.Lawyer),
            People.StaffAsync(this, Roles.Admin));
        _cast = new Cast(people[0], people[1], people[2], people[3], people[4], people[5], people[6], people[7]);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
