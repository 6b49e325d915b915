using System.Net;
using System.Text;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Evidence;

/// <summary>Files that are not acceptable screenshots: a clear 4xx ProblemDetails and nothing stored, no blob and no row.</summary>
public sealed class EvidenceBadInputTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    public static TheoryData<string, string, int> Corpus => new()
    {
        { "zero bytes", "empty.png", 422 },
        { "a truncated PNG", "cut.png", 422 },
        { "text named .png", "notes.png", 415 },
        { "HTML named .jpg", "page.jpg", 415 },
        { "SVG", "vector.svg", 415 },
        { "a PNG declaring 100,000 × 100,000", "huge.png", 422 },
        { "an animated GIF of 500 frames", "anim.gif", 422 },
        { "10 MiB + 1 byte", "big.png", 413 },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_file_is_refused_and_nothing_is_stored(string what, string fileName, int status)
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        var before = await app.StoredEvidenceAsync();

        var response = await Uploads.UploadAsync(merchant, id, Bytes(what), fileName);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiClient.ReadAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty("file")[0].GetString()));
        Assert.Equal(before, await app.StoredEvidenceAsync());
    }

    [Fact]
    public async Task A_21st_file_is_refused_and_nothing_is_stored()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        for (var i = 0; i < 20; i++)
        {
            await Uploads.UploadOkAsync(merchant, id, Uploads.Screenshot(1000 + i, 40, 40));
        }

        var before = await app.StoredEvidenceAsync();
        var response = await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(2000, 40, 40));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("20", (await ApiClient.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.StoredEvidenceAsync());
    }

    [Fact]
    public async Task A_file_arriving_on_a_submitted_case_is_refused_and_nothing_is_stored()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await Uploads.SubmittedCaseAsync(merchant, seed: 3001);
        var before = await app.StoredEvidenceAsync();

        var response = await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(3002));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, await app.StoredEvidenceAsync());
    }

    private static byte[] Bytes(string what) => what switch
    {
        "zero bytes" => [],
        "a truncated PNG" => Uploads.Screenshot(5, 300, 300)[..200],
        "text named .png" => Encoding.UTF8.GetBytes("这不是图片，只是一段文字。"),
        "HTML named .jpg" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        "SVG" => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>"),
        "a PNG declaring 100,000 × 100,000" => TestImages.PngDeclaring(100_000, 100_000),
        "an animated GIF of 500 frames" => TestImages.AnimatedGif(500),
        "10 MiB + 1 byte" => [.. Uploads.Screenshot(6), .. new byte[(10 * 1024 * 1024) + 1 - Uploads.Screenshot(6).Length]],
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
    };
}
