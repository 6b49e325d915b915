using System.Net;
using System.Net.Http.Headers;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Evidence;

/// <summary>
/// A multipart body (a caption, then the file) whose file part is held back half-way until the test lets it go: an
/// upload trickling in over a slow link, without any sleeping.
/// </summary>
public sealed class TrickleContent : HttpContent
{
    private readonly string _boundary = "trickle-" + Guid.NewGuid().ToString("N");
    private readonly byte[] _file;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TrickleContent(byte[] file)
    {
        _file = file;
        Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={_boundary}");
    }

    /// <summary>Completes once the headers and the first half of the file have been handed to the transport.</summary>
    public Task Started => _started.Task;

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var head = System.Text.Encoding.ASCII.GetBytes(
            $"--{_boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.png\"\r\nContent-Type: image/png\r\n\r\n");
        var tail = System.Text.Encoding.ASCII.GetBytes($"\r\n--{_boundary}--\r\n");
        var half = _file.Length / 2;
        await stream.WriteAsync(head);
        await stream.WriteAsync(_file.AsMemory(0, half));
        await stream.FlushAsync();
        _started.TrySetResult();
        await _release.Task;
        await stream.WriteAsync(_file.AsMemory(half));
        await stream.WriteAsync(tail);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>The case page's evidence form, posted as a browser does: several files, each with its own caption.</summary>
public static class PageUploads
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string disputeId, params (byte[] Bytes, string Name, string? Caption)[] files)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = Browser.AntiforgeryToken(await browser.GetStringAsync($"/Disputes/{disputeId}"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (bytes, name, caption) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/png");
            form.Add(file, "files", name);
            form.Add(new StringContent(caption ?? string.Empty), "captions");
        }

        return await browser.PostAsync($"/Disputes/{disputeId}/evidence?handler=Upload", form);
    }

    public static async Task PostOkAsync(HttpClient browser, string disputeId, params (byte[] Bytes, string Name, string? Caption)[] files)
    {
        var response = await PostAsync(browser, disputeId, files);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {Pages.PageCast.MainOf(await response.Content.ReadAsStringAsync())}");
    }
}
