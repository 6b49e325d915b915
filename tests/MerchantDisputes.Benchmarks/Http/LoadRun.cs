using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace MerchantDisputes.Benchmarks.Http;

/// <summary>
/// Issue 8's load run (tests/perf/load.sh): MERCHANTS merchants at once, for SECONDS, each registering and then
/// filing cases over and over (draft, two 1080 × 2,400 screenshots, submit). Afterwards every case and screenshot the
/// app accepted is read back: the case exists with the status its last accepted request left, each screenshot is
/// listed with the SHA-256 of the bytes sent, and its original downloads with that hash. Prints requests by kind
/// with their answers and p50/p95/p99, cases and screenshots per second, and the verification; exits 1 on any 5xx,
/// socket error or failed check.
/// </summary>
public static class LoadRun
{
    private static readonly byte[][] Screenshots = Enumerable.Range(10, 4).Select(ApiFiling.Screenshot).ToArray();
    private static readonly string[] Hashes = Screenshots.Select(s => Convert.ToHexStringLower(SHA256.HashData(s))).ToArray();

    public static async Task<int> RunAsync(string baseUrl, int merchants, int seconds)
    {
        var log = new ConcurrentBag<(string Kind, int Status, double Ms)>();
        var accepted = new ConcurrentBag<Filed>();
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var clients = await Task.WhenAll(Enumerable.Range(0, merchants).Select(i => MerchantAsync(baseUrl, $"load-{run}-{i}@perf.test", log)));
        var started = clock.Elapsed;
        await Task.WhenAll(clients.Select((http, i) => FileUntilAsync(http, i, clock, started + until, log, accepted)));
        var elapsed = (clock.Elapsed - started).TotalSeconds;

        Report(log, accepted, elapsed, merchants);
        var failures = await VerifyAsync(accepted);
        var serverErrors = log.Count(l => l.Status >= 500 || l.Status == 0);
        Console.WriteLine($"verification: {accepted.Count} cases, {accepted.Sum(a => a.Evidence.Count)} screenshots read back; {failures.Count} failures");
        foreach (var failure in failures.Take(20))
        {
            Console.WriteLine("  " + failure);
        }

        Console.WriteLine($"5xx or socket errors: {serverErrors}");
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return serverErrors == 0 && failures.Count == 0 ? 0 : 1;
    }

    private sealed record Filed(HttpClient Owner, string Id, bool Submitted, List<(string Id, string Sha256)> Evidence);

    private static async Task<HttpClient> MerchantAsync(string baseUrl, string email, ConcurrentBag<(string, int, double)> log)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var registration = new { email, password = "Load-Merchant-Passw0rd", displayName = "压测商家", storeName = "压测小店", province = "CN-ZJ" };
        await SendAsync(log, "register", () => http.PostAsJsonAsync("/api/v1/auth/register", registration));
        var login = await SendAsync(log, "sign in", () => http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = registration.password }));
        var token = JsonDocument.Parse(login.Body).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task FileUntilAsync(
        HttpClient http, int merchant, Stopwatch clock, TimeSpan deadline, ConcurrentBag<(string, int, double)> log, ConcurrentBag<Filed> accepted)
    {
        for (var n = 0; clock.Elapsed < deadline; n++)
        {
            var created = await SendAsync(log, "create draft", () => http.PostAsJsonAsync("/api/v1/disputes", ApiFiling.Body()));
            if (created.Status != HttpStatusCode.Created)
            {
                continue;
            }

            var id = JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetString()!;
            var filed = new Filed(http, id, false, []);
            for (var s = 0; s < 2; s++)
            {
                var which = (merchant + n + s) % Screenshots.Length;
                var uploaded = await SendAsync(log, "upload screenshot", () => ApiFiling.UploadAsync(http, id, Screenshots[which]));
                if (uploaded.Status == HttpStatusCode.Created)
                {
                    filed.Evidence.Add((JsonDocument.Parse(uploaded.Body).RootElement.GetProperty("id").GetString()!, Hashes[which]));
                }
            }

            var submitted = filed.Evidence.Count > 0
                && (await SendAsync(log, "submit", () => http.PostAsync($"/api/v1/disputes/{id}/submit", null))).Status == HttpStatusCode.OK;
            accepted.Add(filed with { Submitted = submitted });
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(
        ConcurrentBag<(string, int, double)> log, string kind, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            log.Add((kind, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds));
            return (response.StatusCode, body);
        }
        catch (HttpRequestException)
        {
            log.Add((kind, 0, clock.Elapsed.TotalMilliseconds));
            return (0, string.Empty);
        }
    }

    private static async Task<List<string>> VerifyAsync(ConcurrentBag<Filed> accepted)
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (filed, ct) =>
        {
            var dispute = await filed.Owner.GetAsync($"/api/v1/disputes/{filed.Id}", ct);
            var status = dispute.IsSuccessStatusCode
                ? JsonDocument.Parse(await dispute.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("status").GetString()
                : null;
            if (status != (filed.Submitted ? "Submitted" : "Draft"))
            {
                failures.Add($"case {filed.Id}: {(int)dispute.StatusCode} {status}, expected {(filed.Submitted ? "Submitted" : "Draft")}");
            }

            var listed = JsonDocument.Parse(await filed.Owner.GetStringAsync($"/api/v1/disputes/{filed.Id}/evidence", ct)).RootElement;
            var byId = listed.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("originalSha256").GetString());
            foreach (var (evidenceId, sha256) in filed.Evidence)
            {
                var original = await filed.Owner.GetByteArrayAsync($"/api/v1/evidence/{evidenceId}/original", ct);
                if (byId.GetValueOrDefault(evidenceId) != sha256 || Convert.ToHexStringLower(SHA256.HashData(original)) != sha256)
                {
                    failures.Add($"screenshot {evidenceId} of case {filed.Id}: listed {byId.GetValueOrDefault(evidenceId) ?? "missing"}, expected {sha256}");
                }
            }

            if (byId.Count != filed.Evidence.Count)
            {
                failures.Add($"case {filed.Id}: {byId.Count} screenshots listed, {filed.Evidence.Count} accepted");
            }
        });
        return [.. failures];
    }

    private static void Report(ConcurrentBag<(string Kind, int Status, double Ms)> log, ConcurrentBag<Filed> accepted, double seconds, int merchants)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{merchants} merchants for {seconds:F1} s"));
        Console.WriteLine($"{"kind",-18} {"requests",9} {"2xx",7} {"4xx",6} {"5xx",6} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        foreach (var kind in log.GroupBy(l => l.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var times = kind.Select(l => l.Ms).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind.Key,-18} {kind.Count(),9} {kind.Count(l => l.Status is >= 200 and < 300),7} {kind.Count(l => l.Status is >= 400 and < 500),6} {kind.Count(l => l.Status >= 500 || l.Status == 0),6} {FilingRun.Percentile(times, 0.50),8:F0} {FilingRun.Percentile(times, 0.95),8:F0} {FilingRun.Percentile(times, 0.99),8:F0}"));
        }

        var submitted = accepted.Count(a => a.Submitted);
        var screenshots = accepted.Sum(a => a.Evidence.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cases filed and submitted: {submitted} ({submitted / seconds:F1}/s); drafts left: {accepted.Count - submitted}; screenshots stored: {screenshots} ({screenshots / seconds:F1}/s)"));
    }
}
