using System.Net.Http.Headers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace MerchantDisputes.Benchmarks.Http;

/// <summary>
/// A merchant's filing as the API sees it: a RefundOnly draft, phone screenshots and their multipart upload. Shared by
/// the filing and load drivers here and, linked, by the E2E test that kills the app during uploads.
/// </summary>
internal static class ApiFiling
{
    /// <summary>One PNG screenshot to a draft, as the pages' uploader sends it.</summary>
    internal static Task<HttpResponseMessage> UploadAsync(HttpClient http, string disputeId, byte[] png) =>
        UploadAsync(http, disputeId, new ByteArrayContent(png), CancellationToken.None);

    /// <summary>The same with the file's bytes from <paramref name="png"/> as it yields them: a stream may stop part-way.</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string disputeId, HttpContent png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(png);
        using var form = new MultipartFormDataContent();
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(png, "file", "screenshot.png");
        return await http.PostAsync($"/api/v1/disputes/{disputeId}/evidence", form, cancellationToken);
    }

    internal static Dictionary<string, object?> Body() => new()
    {
        ["platform"] = "1688",
        ["type"] = "RefundOnly",
        ["title"] = "包裹退回未签收仍被判仅退款",
        ["narrative"] = "买家拒收，包裹已退回未签收，平台仍判仅退款并从货款中扣除 1340.70 元。",
        ["amount"] = 1340.70m,
        ["currency"] = "CNY",
        ["desiredOutcome"] = "撤销仅退款判罚，退还被扣货款。",
        ["refundOnly"] = new Dictionary<string, object?>
        {
            ["orderNumber"] = "240312-558812",
            ["ruledOn"] = "2024-03-20",
            ["refundedAmount"] = 1340.70m,
            ["logisticsStatus"] = "ReturnedUndelivered",
            ["trackingNumber"] = "SF1400233111",
        },
    };

    /// <summary>A phone screenshot's look: white page, grey text lines, a coloured header and a photo-like block.</summary>
    internal static byte[] Screenshot(int seed)
    {
        var random = new Random(seed);
        using var image = new Image<Rgba32>(1080, 2400, Color.White);
        Fill(image, 0, 0, 1080, 160, new Rgba32((byte)(200 + (seed * 20)), 40, 30));
        for (var y = 220; y < 2300; y += 64)
        {
            Fill(image, 40, y, 300 + random.Next(700), 28, new Rgba32(90, 90, 90));
        }

        // A photo-like block: 4 × 4 pixel tiles of random colour.
        for (var y = 900; y < 1300; y += 4)
        {
            for (var x = 40; x < 1040; x += 4)
            {
                Fill(image, x, y, 4, 4, new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var output = new MemoryStream();
        image.Save(output, new PngEncoder());
        return output.ToArray();
    }

    private static void Fill(Image<Rgba32> image, int left, int top, int width, int height, Rgba32 colour)
    {
        for (var y = top; y < top + height; y++)
        {
            for (var x = left; x < left + width; x++)
            {
                image[x, y] = colour;
            }
        }
    }
}
