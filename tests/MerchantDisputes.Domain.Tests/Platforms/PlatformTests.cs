using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Platforms;

public class PlatformTests
{
    [Fact]
    public void A_new_platform_is_active_with_trimmed_names_and_a_database_generated_id()
    {
        var platform = Platform.Create("weidian", " 微店 ", "Weidian ");

        Assert.Equal(0, platform.Id);
        Assert.Equal("weidian", platform.Slug);
        Assert.Equal("微店", platform.NameZh);
        Assert.Equal("Weidian", platform.NameEn);
        Assert.True(platform.IsActive);
    }

    [Theory]
    [InlineData("Weidian")]
    [InlineData("-weidian")]
    [InlineData("wei dian")]
    [InlineData("wei_dian")]
    public void A_slug_outside_the_url_pattern_is_refused(string slug)
    {
        var e = Assert.Throws<DomainValidationException>(() => Platform.Create(slug, "微店", "Weidian"));

        Assert.Equal(("slug", ErrorCodes.InvalidSlug), (e.Errors.Single().Field, e.Errors.Single().Code));
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var e = Assert.Throws<DomainValidationException>(() => Platform.Create(" ", null, ""));

        Assert.Equal(["slug", "nameZh", "nameEn"], e.Errors.Select(x => x.Field));
        Assert.All(e.Errors, x => Assert.Equal(ErrorCodes.Required, x.Code));
    }

    [Fact]
    public void Renaming_keeps_the_slug_and_deactivating_can_be_undone()
    {
        var platform = Platform.Create("weidian", "微店", "Weidian");

        platform.Rename("微店平台", "Weidian Platform");
        platform.Deactivate();
        Assert.False(platform.IsActive);
        platform.Activate();

        Assert.Equal(("weidian", "微店平台", "Weidian Platform", true), (platform.Slug, platform.NameZh, platform.NameEn, platform.IsActive));
    }

    [Fact]
    public void A_name_longer_than_the_column_is_refused_and_nothing_changes()
    {
        var platform = Platform.Create("weidian", "微店", "Weidian");

        var e = Assert.Throws<DomainValidationException>(() => platform.Rename(new string('微', Platform.NameMaxLength + 1), "Weidian"));

        Assert.Equal(ErrorCodes.TooLong, e.Errors.Single().Code);
        Assert.Equal("微店", platform.NameZh);
    }
}
