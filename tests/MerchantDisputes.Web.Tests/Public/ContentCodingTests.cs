using System.IO.Compression;
using System.Text;
using MerchantDisputes.Web.Features.Transparency;
using Microsoft.Extensions.Primitives;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>Which compressed form of a kept public answer a request gets, and what is compressed at all.</summary>
public sealed class ContentCodingTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(
        string.Concat(Enumerable.Range(0, 200).Select(i => $"{{\"key\":\"CN-{i}\",\"name\":\"北京市\",\"count\":{i}}},")));

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")] // what Chromium sends
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br", "br")]
    [InlineData("GZIP", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("br;q=0.5, gzip;q=0.8", "gzip")]
    [InlineData(" br ; q=0.9 , gzip ; q=1", "gzip")]
    [InlineData("br;q=0.8, gzip;q=0.8", "br")]
    [InlineData("*", "br")]
    [InlineData("gzip;q=0.5, *;q=0.7", "br")]
    [InlineData("br;q=abc, gzip", "gzip")]
    [InlineData("br;q=2, gzip;q=0.1", "gzip")]
    [InlineData("br;level=1", null)]
    [InlineData("", null)]
    [InlineData("deflate, zstd", null)]
    [InlineData("identity", null)]
    [InlineData("*;q=0", null)]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("gzip;q=0.5, identity", null)]
    [InlineData(",,;q=1, ", null)]
    public void The_coding_sent_is_the_acceptable_one_the_request_rates_highest(string acceptEncoding, string? expected)
    {
        Assert.Equal(expected, ContentCoding.Choose(acceptEncoding, brotli: true, gzip: true));
    }

    [Fact]
    public void Only_a_coding_that_is_kept_is_chosen()
    {
        Assert.Equal("gzip", ContentCoding.Choose("gzip, br", brotli: false, gzip: true));
        Assert.Equal("br", ContentCoding.Choose("gzip, br", brotli: true, gzip: false));
        Assert.Null(ContentCoding.Choose("gzip, br", brotli: false, gzip: false));
    }

    [Fact]
    public void Every_value_of_a_repeated_header_is_read()
    {
        Assert.Equal("br", ContentCoding.Choose(new StringValues(["gzip;q=0.5", "br"]), brotli: true, gzip: true));
        Assert.Equal("gzip", ContentCoding.Choose(new StringValues(["br;q=0", "gzip"]), brotli: true, gzip: true));
    }

    [Fact]
    public void A_missing_header_gets_the_answer_as_it_is()
    {
        Assert.Null(ContentCoding.Choose(StringValues.Empty, brotli: true, gzip: true));
    }

    [Fact]
    public void Each_compressed_form_decodes_to_the_answer()
    {
        var brotli = ContentCoding.Compress(Json, ContentCoding.Brotli);
        var gzip = ContentCoding.Compress(Json, ContentCoding.Gzip);

        Assert.NotNull(brotli);
        Assert.NotNull(gzip);
        Assert.True(brotli.Length < Json.Length / 4, $"{brotli.Length} of {Json.Length}");
        Assert.Equal(Json, Decode(new BrotliStream(new MemoryStream(brotli), CompressionMode.Decompress)));
        Assert.Equal(Json, Decode(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress)));
    }

    [Fact]
    public void A_body_that_does_not_shrink_by_a_tenth_is_not_kept_compressed()
    {
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);

        Assert.Null(ContentCoding.Compress(noise, ContentCoding.Brotli));
        Assert.Null(ContentCoding.Compress(noise, ContentCoding.Gzip));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", 8760, true)]
    [InlineData("text/html; charset=utf-8", 40842, true)]
    [InlineData("text/csv; charset=utf-8", 4470, true)]
    [InlineData("application/problem+json", 2000, true)]
    [InlineData("application/json; charset=utf-8", 1023, false)]
    [InlineData("image/png", 8760, false)]
    [InlineData("application/octet-stream", 8760, false)]
    public void Only_text_of_a_kilobyte_or_more_is_compressed(string type, int length, bool expected)
    {
        var headers = new Dictionary<string, StringValues> { ["Content-Type"] = type };

        Assert.Equal(expected, ContentCoding.IsCompressible(headers, length));
    }

    [Fact]
    public void An_answer_the_endpoint_encoded_itself_is_not_compressed_again()
    {
        var headers = new Dictionary<string, StringValues> { ["Content-Type"] = "text/html", ["Content-Encoding"] = "gzip" };

        Assert.False(ContentCoding.IsCompressible(headers, 40842));
    }

    private static byte[] Decode(Stream decoder)
    {
        using var output = new MemoryStream();
        using (decoder)
        {
            decoder.CopyTo(output);
        }

        return output.ToArray();
    }
}
