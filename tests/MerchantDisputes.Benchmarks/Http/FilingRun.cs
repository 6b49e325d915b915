using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

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
        var screenshots = Enumerable.Range(0, 3).Select(ApiFiling.Screenshot).ToArray();
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
        var created = await Ok(await http.PostAsJsonAsync("/api/v1/disputes", ApiFiling.Body()));
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString();
        foreach (var screenshot in screenshots)
        {
            await Ok(await ApiFiling.UploadAsync(http, id!, screenshot));
        }

        await Ok(await http.PostAsync($"/api/v1/disputes/{id}/submit", null));
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
}
