namespace MerchantDisputes.Domain.Users;

/// <summary>The roles of DESIGN.md. Only <see cref="Merchant"/> registers itself.</summary>
public static class Roles
{
    public const string Merchant = nameof(Merchant);
    public const string Mediator = nameof(Mediator);
    public const string Lawyer = nameof(Lawyer);
    public const string PlatformAgent = nameof(PlatformAgent);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Merchant, Mediator, Lawyer, PlatformAgent, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
