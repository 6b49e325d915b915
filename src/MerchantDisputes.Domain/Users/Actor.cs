namespace MerchantDisputes.Domain.Users;

/// <summary>Who is acting on a case: a user in one role, an agent bound to a platform, or the system's timers.</summary>
public sealed record Actor(Guid? UserId, string Role, int? PlatformId = null)
{
    public const string SystemRole = "System";

    public static Actor System { get; } = new(null, SystemRole);

    public static Actor Merchant(Guid userId) => new(userId, Roles.Merchant);

    public bool IsSystem => Role == SystemRole;

    /// <summary>The channel's own people (mediators, lawyers, admins): they read internal notes.</summary>
    public bool IsStaff => Role is Roles.Mediator or Roles.Lawyer or Roles.Admin;

    public bool Is(string role) => string.Equals(Role, role, StringComparison.Ordinal);
}
