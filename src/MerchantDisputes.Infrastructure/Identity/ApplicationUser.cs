using MerchantDisputes.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Infrastructure.Identity;

/// <summary>A person who signs in. Merchant fields are empty for staff; <see cref="PlatformId"/> binds an agent.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;
    public string? StoreName { get; set; }

    /// <summary>The store's id on its platform (店铺 ID), optional; shown to the staff and platform agents on a case.</summary>
    public string? StoreId { get; set; }

    /// <summary>ISO 3166-2:CN code of the merchant's province.</summary>
    public string? Province { get; set; }

    public Gender? Gender { get; set; }

    /// <summary>
    /// The merchant agreed that the public feed names them by a masked name (卢**). Off by default and withdrawable;
    /// without it the feed names only their province (广东省商家).
    /// </summary>
    public bool PublicNameConsent { get; set; }

    /// <summary>Set only for platform agents: the one platform whose cases they may see.</summary>
    public int? PlatformId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the merchant deleted their account (PIPL): the personal fields are erased and the account cannot sign in;
    /// their cases stay, shown as "已注销商家". Null for a live account.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

public sealed class ApplicationRole : IdentityRole<Guid>
{
    public ApplicationRole()
    {
    }

    public ApplicationRole(string roleName)
        : base(roleName)
    {
    }
}
