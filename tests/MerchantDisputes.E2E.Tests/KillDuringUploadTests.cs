using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using MerchantDisputes.Benchmarks.Http;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace MerchantDisputes.E2E.Tests;

/// <summary>Runs on its own, after the browser tests: it kills and restarts an app of its own on the two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KilledApps
{
    public const string Name = "Killed app";
}

/// <summary>
/// Issue 8: the app killed (SIGKILL) with uploads in flight, then restarted on the same SQLite file and Azurite. Every
/// case and screenshot the app acknowledged is still there, every evidence row has its three blobs with the hashes it
/// records, and the orphan sweep (the restarted app's Hangfire server) removes the blobs the killed uploads left.
/// </summary>
[Collection(KilledApps.Name)]
public sealed partial class KillDuringUploadTests : IAsyncLifetime
{
    private const int BlockedUploads = 3;
    private const string Password = "Kill-Test-Passw0rd";
    private const int WalHeaderBytes = 32;
    private static readonly string[] Containers = ["evidence", "evidence-thumbnails", "evidence-originals"];
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A writer behind the test's lock waits past the kill instead of giving up (503) and removing its blobs; the app
    /// logs "Request starting …" as each request enters it.
    /// </summary>
    private static readonly Dictionary<string, string> FirstRun = new()
    {
        ["Database:SqliteBusyTimeoutSeconds"] = "600",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    };

    /// <summary>No grace (no upload runs after the restart) and a sweep every second, which reports what it removed.</summary>
    private static readonly Dictionary<string, string> Restart = new()
    {
        ["Hangfire:OrphanGrace"] = "00:00:00",
        ["Hangfire:OrphanCron"] = "* * * * * *",
        ["Hangfire:SchedulePollingInterval"] = "00:00:01",
        ["Logging:LogLevel:MerchantDisputes.Web.Features.Jobs.EvidenceOrphanSweep"] = "Information",
    };

    private readonly AzuriteFixture _azurite = new();
    private readonly string _data = Directory.CreateTempSubdirectory("md-kill-").FullName;
    private readonly string _email = $"kill-{Guid.NewGuid():N}@shop.test";

    private string Database => Path.Combine(_data, "merchantdisputes.db");

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _azurite.DisposeAsync();
        TempFolders.Delete(_data);
    }

    [Fact]
    public async Task Killed_with_uploads_in_flight_and_restarted_the_app_keeps_every_acknowledged_case_and_leaves_no_orphan_blob()
    {
        List<FiledCase> acknowledged;
        await using (var first = await AppProcess.StartAsync(_data, _azurite.ConnectionString, FirstRun))
        {
            using var merchant = await NewMerchantAsync(first.BaseUrl);
            acknowledged = await FileCasesAsync(merchant);
            var answers = await KillWithUploadsInFlightAsync(first, merchant, acknowledged[^2].Id, acknowledged[^1].Id);
            Assert.All(answers, answer => Assert.Null(answer));
        }

        AssertWalLeftBehind();
        var orphans = await OrphanBlobsAsync(await EvidenceRowsAsync());
        Assert.Equal(BlockedUploads * Containers.Length, orphans.Count);

        await using var restarted = await AppProcess.StartAsync(_data, _azurite.ConnectionString, Restart);
        var swept = await restarted.WaitForLineAsync(SweepReport(), WaitLimit);
        Assert.Equal(orphans.Count, int.Parse(swept.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));

        using var again = await SignInAsync(restarted.BaseUrl);
        await AssertAcknowledgedCasesAsync(again, acknowledged);
        var rows = await EvidenceRowsAsync();
        Assert.Equal(acknowledged.SelectMany(c => c.Evidence).Select(e => e.Id).Order(), rows.Select(r => r.Id).Order());
        await AssertBlobsMatchRowsAsync(rows);
        Assert.Empty(await OrphanBlobsAsync(rows));
    }

    private sealed record Screenshot(Guid Id, string Sha256);

    private sealed record FiledCase(Guid Id, string Status, List<Screenshot> Evidence);

    private sealed record EvidenceRow(Guid Id, string BlobName, string OriginalSha256, string SanitizedSha256);

    // EvidenceOrphanSweep's log message: the restarted app says when its first sweep is done and what it removed.
    [GeneratedRegex(@"Evidence orphan sweep removed (?<count>\d+) blob")]
    private static partial Regex SweepReport();

    /// <summary>Two cases filed and submitted with two screenshots each, then two drafts with one each: all acknowledged.</summary>
    private static async Task<List<FiledCase>> FileCasesAsync(HttpClient merchant)
    {
        var cases = new List<FiledCase>();
        var seed = 0;
        foreach (var submit in new[] { true, true, false, false })
        {
            var id = await CreateDraftAsync(merchant);
            var evidence = new List<Screenshot>();
            for (var i = 0; i < (submit ? 2 : 1); i++)
            {
                evidence.Add(await UploadAcknowledgedAsync(merchant, id, ApiFiling.Screenshot(seed++)));
            }

            if (submit)
            {
                Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"/api/v1/disputes/{id}/submit", null)).StatusCode);
            }

            cases.Add(new FiledCase(id, submit ? "Submitted" : "Draft", evidence));
        }

        return cases;
    }

    /// <summary>
    /// Another writer takes SQLite's write lock. Three uploads to one draft write their three blobs each and wait for the
    /// lock to insert their rows; an upload to the other draft has entered the app with half its file sent. Then the app
    /// is killed. Returns what each upload was answered: nothing, if the kill came first.
    /// </summary>
    private async Task<HttpStatusCode?[]> KillWithUploadsInFlightAsync(AppProcess app, HttpClient merchant, Guid blockedDraft, Guid halfSentDraft)
    {
        var screenshots = Enumerable.Range(100, BlockedUploads + 1).Select(ApiFiling.Screenshot).ToList();
        var blobsBefore = await BlobCountAsync();
        await using var writeLock = await SqliteWriteLock.TakeAsync(Database);
        var blocked = screenshots.Take(BlockedUploads).Select(png => ApiFiling.UploadAsync(merchant, blockedDraft.ToString(), png)).ToList();
        await WaitForBlobCountAsync(blobsBefore + (BlockedUploads * Containers.Length), app);

        using var cancel = new CancellationTokenSource();
        var halfFile = new HalfSentFile(screenshots[^1]);
        var halfSent = ApiFiling.UploadAsync(merchant, halfSentDraft.ToString(), new StreamContent(halfFile), cancel.Token);
        await halfFile.Stalled.WaitAsync(WaitLimit);

        // Not a fixed pause: each upload waiting for the lock holds a thread-pool thread (Microsoft.Data.Sqlite runs its
        // async calls synchronously), so on two cores a new request may take a second or more to enter the app.
        await app.WaitForLineAsync(RequestStarting(halfSentDraft), WaitLimit);

        await app.KillAsync();
        await cancel.CancelAsync();
        return await Task.WhenAll(blocked.Append(halfSent).Select(AnswerAsync));
    }

    /// <summary>ASP.NET Core's hosting log line for an upload to the case entering the app.</summary>
    private static Regex RequestStarting(Guid disputeId) =>
        new($@"Request starting HTTP/\S+ POST \S+/api/v1/disputes/{disputeId}/evidence", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>The killed app's connections could not checkpoint: its committed writes wait in the WAL for the restart.</summary>
    private void AssertWalLeftBehind()
    {
        var wal = new FileInfo(Database + "-wal");
        Assert.True(wal.Exists && wal.Length > WalHeaderBytes, $"no WAL with frames next to the database ({(wal.Exists ? wal.Length : 0)} bytes)");
    }

    private static async Task AssertAcknowledgedCasesAsync(HttpClient merchant, List<FiledCase> acknowledged)
    {
        var listed = await merchant.GetFromJsonAsync<JsonElement>("/api/v1/disputes");
        var ids = listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid());
        Assert.Equal(acknowledged.Select(c => c.Id).Order(), ids.Order());
        foreach (var filed in acknowledged)
        {
            var dispute = await merchant.GetFromJsonAsync<JsonElement>($"/api/v1/disputes/{filed.Id}");
            Assert.Equal(filed.Status, dispute.GetProperty("status").GetString());
            var evidence = await merchant.GetFromJsonAsync<JsonElement>($"/api/v1/disputes/{filed.Id}/evidence");
            Assert.Equal(filed.Evidence, evidence.EnumerateArray().Select(ToScreenshot).ToList());
            var timeline = await merchant.GetFromJsonAsync<JsonElement>($"/api/v1/disputes/{filed.Id}/timeline/verify");
            Assert.True(timeline.GetProperty("intact").GetBoolean(), $"the timeline of {filed.Id} is broken");
        }
    }

    /// <summary>Every row's original and sanitized blob hash as the row says; its thumbnail is there.</summary>
    private async Task AssertBlobsMatchRowsAsync(List<EvidenceRow> rows)
    {
        var blobs = new BlobServiceClient(_azurite.ConnectionString);
        foreach (var row in rows)
        {
            Assert.Equal(row.OriginalSha256, await Sha256Async(blobs, "evidence-originals", row.BlobName));
            Assert.Equal(row.SanitizedSha256, await Sha256Async(blobs, "evidence", row.BlobName));
            Assert.True(await blobs.GetBlobContainerClient("evidence-thumbnails").GetBlobClient(row.BlobName).ExistsAsync(), $"no thumbnail for {row.Id}");
        }
    }

    private async Task<HttpClient> NewMerchantAsync(string baseUrl)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var registration = new { email = _email, password = Password, displayName = "断电测试商家", storeName = "断电测试小店", province = "CN-GD" };
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/v1/auth/register", registration)).StatusCode);
        return await SignInAsync(baseUrl);
    }

    private async Task<HttpClient> SignInAsync(string baseUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = _email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<Guid> CreateDraftAsync(HttpClient merchant)
    {
        var created = await merchant.PostAsJsonAsync("/api/v1/disputes", ApiFiling.Body());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Uploads a screenshot that must be stored (201) with the hash of the bytes sent.</summary>
    private static async Task<Screenshot> UploadAcknowledgedAsync(HttpClient merchant, Guid disputeId, byte[] png)
    {
        using var response = await ApiFiling.UploadAsync(merchant, disputeId.ToString(), png);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = ToScreenshot(await response.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), stored.Sha256);
        return stored;
    }

    private static Screenshot ToScreenshot(JsonElement evidence) =>
        new(evidence.GetProperty("id").GetGuid(), evidence.GetProperty("originalSha256").GetString()!);

    /// <summary>The status the app answered, or null when the connection died (or the test gave up on it) first.</summary>
    private static async Task<HttpStatusCode?> AnswerAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            using var response = await request;
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<List<EvidenceRow>> EvidenceRowsAsync()
    {
        // Never checkpoints: the WAL the killed app left stays for the restart.
        await using var connection = await SqliteWriteLock.OpenAsync(Database);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT Id, BlobName, OriginalSha256, SanitizedSha256 FROM Evidence";
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<EvidenceRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new EvidenceRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Blobs in any of the three containers whose name no evidence row holds.</summary>
    private async Task<List<string>> OrphanBlobsAsync(List<EvidenceRow> rows)
    {
        var named = rows.Select(r => r.BlobName).ToHashSet(StringComparer.Ordinal);
        var orphans = new List<string>();
        await foreach (var (container, name) in BlobsAsync())
        {
            if (!named.Contains(name))
            {
                orphans.Add($"{container}/{name}");
            }
        }

        return orphans;
    }

    private async Task<int> BlobCountAsync()
    {
        var count = 0;
        await foreach (var _ in BlobsAsync())
        {
            count++;
        }

        return count;
    }

    /// <summary>Until Azurite holds <paramref name="count"/> blobs: the uploads have written theirs and wait for the lock.</summary>
    private async Task WaitForBlobCountAsync(int count, AppProcess app)
    {
        var limit = DateTime.UtcNow + WaitLimit;
        while (await BlobCountAsync() < count)
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException($"Azurite never held {count} blobs:\n{app.RecentOutput()}");
            }

            await Task.Delay(100);
        }
    }

    private async IAsyncEnumerable<(string Container, string Name)> BlobsAsync()
    {
        var blobs = new BlobServiceClient(_azurite.ConnectionString);
        foreach (var name in Containers)
        {
            var container = blobs.GetBlobContainerClient(name);
            if (!await container.ExistsAsync())
            {
                continue;
            }

            await foreach (var blob in container.GetBlobsAsync())
            {
                yield return (name, blob.Name);
            }
        }
    }

    /// <summary>The blob's SHA-256, or null when it is missing.</summary>
    private static async Task<string?> Sha256Async(BlobServiceClient blobs, string container, string name)
    {
        try
        {
            var content = await blobs.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync();
            return Convert.ToHexStringLower(SHA256.HashData(content.Value.Content.ToArray()));
        }
        catch (RequestFailedException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A file whose first half reads at once and whose second half never comes: an upload caught mid-body.</summary>
    private sealed class HalfSentFile(byte[] bytes) : Stream
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        /// <summary>Completes when the client has taken the first half and asks for more.</summary>
        public Task Stalled => _stalled.Task;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var half = bytes.Length / 2;
            if (_position >= half)
            {
                _stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var count = Math.Min(buffer.Length, half - _position);
            bytes.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
