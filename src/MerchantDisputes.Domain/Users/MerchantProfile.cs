using MerchantDisputes.Domain.Geography;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Users;

/// <summary>What a merchant tells us about themselves at registration and may change later.</summary>
/// <param name="StoreId">The store's id on its platform (店铺 ID), optional: staff use it to find the store.</param>
public sealed record MerchantProfile(string DisplayName, string StoreName, string Province, Gender? Gender, string? StoreId = null)
{
    public const int DisplayNameMaxLength = 50;
    public const int StoreNameMaxLength = 100;
    public const int StoreIdMaxLength = 64;

    public static MerchantProfile Create(string? displayName, string? storeName, string? province, Gender? gender, string? storeId = null)
    {
        var errors = new ValidationErrors();
        errors.RequireText("displayName", displayName, DisplayNameMaxLength);
        errors.RequireText("storeName", storeName, StoreNameMaxLength);
        errors.VisibleName("displayName", displayName);
        errors.VisibleName("storeName", storeName);
        errors.StoreId("storeId", storeId);
        errors.RequireProvince("province", province);
        errors.ThrowIfAny();
        return new MerchantProfile(
            displayName!.Trim(), storeName!.Trim(), Provinces.Find(province!)!.Code, gender, string.IsNullOrWhiteSpace(storeId) ? null : storeId.Trim());
    }
}
