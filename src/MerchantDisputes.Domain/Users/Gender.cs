namespace MerchantDisputes.Domain.Users;

/// <summary>Self-reported and optional; used only in anonymous statistics.</summary>
public enum Gender
{
    Male = 1,
    Female = 2,
}
