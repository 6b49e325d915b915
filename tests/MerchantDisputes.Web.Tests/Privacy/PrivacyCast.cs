using System.IO.Compression;
using System.Net;
using System.Text;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Privacy;

/// <summary>A merchant with a submitted case the mediator claimed, a message each way, and the ZIP reader the tests share.</summary>
internal static class PrivacyCast
{
    public sealed record Merchant(ApiClient Client, string Email, Guid Id, string CaseId, string CaseNumber, byte[] Screenshot);

    public static async Task<Merchant> WithClaimedCaseAsync(DisputesAppFactory app, ApiClient mediator, int seed, string message)
    {
        var email = $"m-{Guid.NewGuid():N}@shop.test";
        var client = await Session.NewMerchantAsync(app, email);
        var me = await ApiClient.ReadAsync(await client.GetAsync("/api/v1/me"));
        var screenshot = Uploads.Screenshot(seed);
        var id = (await Session.CreateAsync(client, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        await Uploads.UploadOkAsync(client, id, screenshot, "退回物流截图");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/disputes/{id}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/disputes/{id}/messages", new { body = message })).StatusCode);
        var dispute = await ApiClient.ReadAsync(await client.GetAsync($"/api/v1/disputes/{id}"));
        return new Merchant(client, email, me.GetProperty("id").GetGuid(), id, dispute.GetProperty("caseNumber").GetString()!, screenshot);
    }

    public static async Task<Dictionary<string, byte[]>> ReadZipAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var buffer = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }

        return files;
    }

    public static string Text(Dictionary<string, byte[]> files, string path) => Encoding.UTF8.GetString(files[path]);

    public static string AllText(Dictionary<string, byte[]> files) =>
        string.Join("\n", files.Where(f => !f.Key.Contains("/evidence/", StringComparison.Ordinal)).Select(f => f.Key + "\n" + Encoding.UTF8.GetString(f.Value)));
}
