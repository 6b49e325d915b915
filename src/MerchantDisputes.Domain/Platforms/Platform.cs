using System.Text.RegularExpressions;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Platforms;

/// <summary>A marketplace that merchants complain about. Addressed by its slug in URLs and JSON.</summary>
public sealed partial class Platform
{
    public const int NameMaxLength = 100;

    public Platform(int id, string slug, string nameZh, string nameEn)
    {
        Id = id;
        Slug = slug;
        NameZh = nameZh;
        NameEn = nameEn;
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Slug { get; private set; }
    public string NameZh { get; private set; }
    public string NameEn { get; private set; }
    public bool IsActive { get; private set; }

    public string Name(System.Globalization.CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? NameZh : NameEn;

    public static bool IsValidSlug(string slug) => SlugPattern().IsMatch(slug);

    /// <summary>A platform an admin adds; its id comes from the database (the seed holds 1…10).</summary>
    public static Platform Create(string? slug, string? nameZh, string? nameEn)
    {
        var errors = new ValidationErrors();
        if (errors.RequireText("slug", slug, 32) && !IsValidSlug(slug!.Trim()))
        {
            errors.Add("slug", ErrorCodes.InvalidSlug);
        }

        CheckNames(errors, nameZh, nameEn);
        errors.ThrowIfAny();
        return new Platform(0, slug!.Trim(), nameZh!.Trim(), nameEn!.Trim());
    }

    /// <summary>New display names; the slug never changes, because URLs and JSON address the platform by it.</summary>
    public void Rename(string? nameZh, string? nameEn)
    {
        var errors = new ValidationErrors();
        CheckNames(errors, nameZh, nameEn);
        errors.ThrowIfAny();
        NameZh = nameZh!.Trim();
        NameEn = nameEn!.Trim();
    }

    /// <summary>No new disputes may name it; its existing cases and statistics stay.</summary>
    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    private static void CheckNames(ValidationErrors errors, string? nameZh, string? nameEn)
    {
        errors.RequireText("nameZh", nameZh, NameMaxLength);
        errors.RequireText("nameEn", nameEn, NameMaxLength);
    }

    /// <summary>The platforms of the 2024 reports, present in every database from its first migration.</summary>
    public static IReadOnlyList<Platform> Seed { get; } =
    [
        new(1, "1688", "1688", "1688"),
        new(2, "huobutou", "货捕头", "Huobutou"),
        new(3, "pipiwang", "批批网", "Pipiwang"),
        new(4, "jinhuotong", "进货通", "Jinhuotong"),
        new(5, "caihuoxia", "采货侠", "Caihuoxia"),
        new(6, "aliexpress", "全球速卖通", "AliExpress"),
        new(7, "taobao", "淘宝", "Taobao"),
        new(8, "pinduoduo", "拼多多", "Pinduoduo"),
        new(9, "douyin", "抖音电商", "Douyin E-commerce"),
        new(10, "jd", "京东", "JD.com"),
    ];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
