using MerchantDisputes.Domain.Geography;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Users;

/// <summary>What a merchant tells us about themselves at registration and may change later.</summary>
public sealed record MerchantProfile(string DisplayName, string StoreName, string Province, Gender? Gender)
{
    public const int DisplayNameMaxLength = 50;
    public const int StoreNameMaxLength = 100;

    public static MerchantProfile Create(string? displayName, string? storeName, string? province, Gender? gender)
    {
        var errors = new ValidationErrors();
        errors.RequireText("displayName", displayName, DisplayNameMaxLength);
        errors.RequireText("storeName", storeName, StoreNameMaxLength);
        errors.VisibleName("displayName", displayName);
        errors.VisibleName("storeName", storeName);
        errors.RequireProvince("province", province);
        errors.ThrowIfAny();
        return new MerchantProfile(displayName!.Trim(), storeName!.Trim(), Provinces.Find(province!)!.Code, gender);
    }
}
