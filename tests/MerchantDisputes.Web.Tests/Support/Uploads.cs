using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>Multipart uploads as a browser or a client library sends them.</summary>
public static class Uploads
{
    public static async Task<HttpResponseMessage> UploadAsync(ApiClient client, string disputeId, byte[] bytes, string fileName = "screenshot.png", string? caption = null, string contentType = "image/png")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent();
        if (caption is not null)
        {
            form.Add(new StringContent(caption), "caption");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await client.Http.PostAsync($"/api/v1/disputes/{disputeId}/evidence", form);
    }

    public static async Task<JsonElement> UploadOkAsync(ApiClient client, string disputeId, byte[] bytes, string? caption = null)
    {
        var response = await UploadAsync(client, disputeId, bytes, caption: caption);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await ApiClient.ReadAsync(response);
    }

    /// <summary>A small valid screenshot whose bytes differ by <paramref name="seed"/>.</summary>
    public static byte[] Screenshot(int seed = 0, int width = 108, int height = 240)
    {
        using var image = MerchantDisputes.Infrastructure.Tests.Evidence.TestImages.Plain(width, height);
        image[0, 0] = new SixLabors.ImageSharp.PixelFormats.Rgba32((byte)(seed & 0xFF), (byte)((seed >> 8) & 0xFF), 7);
        return MerchantDisputes.Infrastructure.Tests.Evidence.TestImages.Encode(image, new SixLabors.ImageSharp.Formats.Png.PngEncoder());
    }

    /// <summary>A draft with one screenshot, submitted: the starting point of every review.</summary>
    public static async Task<string> SubmittedCaseAsync(ApiClient merchant, Dictionary<string, object?>? body = null, int seed = 0)
    {
        var id = (await Session.CreateAsync(merchant, body ?? ADispute.RefundOnly())).GetProperty("id").GetString()!;
        await UploadOkAsync(merchant, id, Screenshot(seed), "退回物流截图");
        var submitted = await merchant.PostAsync($"/api/v1/disputes/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return id;
    }
}
