using MerchantDisputes.Domain.Statistics;

namespace MerchantDisputes.Domain.Tests.Statistics;

public class PublicNameTests
{
    [Theory]
    [InlineData("卢明", "卢**")]
    [InlineData("欧阳娜娜", "欧**")]
    [InlineData("王", "王**")]
    [InlineData("  张伟 ", "张**")]
    [InlineData("Lu Ming", "L**")]
    public void A_public_name_is_the_first_character_and_two_asterisks(string name, string expected) =>
        Assert.Equal(expected, PublicName.Masked(name));

    [Fact]
    public void The_mask_does_not_tell_how_long_the_name_is() =>
        Assert.Equal(PublicName.Masked("王"), PublicName.Masked("王小明同学"));

    [Fact]
    public void A_character_outside_the_basic_plane_is_kept_whole() =>
        Assert.Equal("𠀀**", PublicName.Masked("𠀀明"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_name_is_only_the_mask(string? name) => Assert.Equal("**", PublicName.Masked(name));
}
