using MerchantDisputes.Web.Caching;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>Which form of a cached answer a reader gets for its Accept-Encoding (RFC 9110 §12.5.3).</summary>
public sealed class ContentCodingsTests
{
    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("*", "br")]
    [InlineData("gzip;q=0.8, *;q=0.1", "gzip")]
    [InlineData("identity", null)]
    [InlineData("gzip;q=0.5, identity", null)]
    [InlineData("deflate, zstd", null)]
    [InlineData("", null)]
    [InlineData("br;q=nonsense", null)]
    public void The_acceptable_form_with_the_highest_q_is_chosen_brotli_on_a_tie(string header, string? expected)
    {
        Assert.Equal(expected, ContentCodings.Choose(header, brotli: true, gzip: true));
    }

    [Fact]
    public void Only_the_forms_that_were_cached_are_chosen()
    {
        Assert.Equal("gzip", ContentCodings.Choose("br, gzip", brotli: false, gzip: true));
        Assert.Null(ContentCodings.Choose("br", brotli: false, gzip: true));
        Assert.Null(ContentCodings.Choose("br, gzip", brotli: false, gzip: false));
    }
}
