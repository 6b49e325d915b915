using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace MerchantDisputes.Benchmarks.Http;

/// <summary>
/// Issue 10's end-to-end filing time: COUNT times, one after another as one merchant on a phone would, create a
/// RefundOnly draft, upload three 1080 × 2,400 screenshots and submit; each filing timed from the first request to
/// the submit's answer. Prints p50, p95 and the slowest, and fails on any answer that is not a success.
/// </summary>
public static class FilingRun
{
    public static async Task<int> RunAsync(string baseUrl, string token, int count)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var screenshots = Enumerable.Range(0, 3).Select(Screenshot).ToArray();
        Console.WriteLine($"screenshots: 3 × 1080 × 2400 PNG, {string.Join(" + ", screenshots.Select(s => $"{s.Length / 1024} KB"))}");
        await FileOnceAsync(http, screenshots); // warm-up, not counted
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await FileOnceAsync(http, screenshots);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"filing with 3 screenshots over {count} filings: p50 {Percentile(times, 0.50):F0} ms, p95 {Percentile(times, 0.95):F0} ms, max {times[^1]:F0} ms"));
        return 0;
    }

    private static async Task FileOnceAsync(HttpClient http, byte[][] screenshots)
    {
        var created = await Ok(await http.PostAsJsonAsync("/api/v1/disputes", Body()));
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString();
        foreach (var screenshot in screenshots)
        {
            await Ok(await UploadAsync(http, id!, screenshot));
        }

        await Ok(await http.PostAsync($"/api/v1/disputes/{id}/submit", null));
    }

    /// <summary>One PNG screenshot to a draft, as the pages' uploader sends it.</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string disputeId, byte[] png)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "screenshot.png");
        return await http.PostAsync($"/api/v1/disputes/{disputeId}/evidence", form);
    }

    private static async Task<string> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        }

        return body;
    }

    internal static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

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
