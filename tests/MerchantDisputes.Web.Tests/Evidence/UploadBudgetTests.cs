using System.Diagnostics;
using System.Net;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MerchantDisputes.Web.Tests.Evidence;

/// <summary>Two decode slots, two uploads in flight per account, and a sanitizer that counts its calls.</summary>
public sealed class TwoSlotsAppFactory : DisputesAppFactory
{
    public CountingSanitizer Sanitizer { get; } = new();

    /// <summary>Released once for each upload whose handler has begun reading its body: it is past the rate limiter.</summary>
    public SemaphoreSlim BodiesBeingRead { get; } = new(0);

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Evidence:Limits:MaxConcurrentDecodes", "2"),
        new("RateLimits:ConcurrentUploadsPerAccount", "2"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new WatchUploadBodies(BodiesBeingRead));
            var real = services.Single(d => d.ServiceType == typeof(IImageSanitizer));
            services.Remove(real);
            services.AddSingleton(real.ImplementationType!);
            services.AddSingleton<IImageSanitizer>(provider =>
            {
                Sanitizer.Inner = (IImageSanitizer)provider.GetRequiredService(real.ImplementationType!);
                return Sanitizer;
            });
        });
    }
}

/// <summary>Wraps each upload's request body so that the test learns when the app starts reading it.</summary>
internal sealed class WatchUploadBodies(SemaphoreSlim reads) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, inner) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Value?.EndsWith("/evidence", StringComparison.Ordinal) == true)
            {
                context.Request.Body = new FirstReadSignal(context.Request.Body, () => reads.Release());
            }

            return inner(context);
        });
        next(app);
    };
}

internal sealed class FirstReadSignal(Stream inner, Action firstRead) : Stream
{
    private int _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _read, 1) == 0)
        {
            firstRead();
        }

        return await inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

public sealed class CountingSanitizer : IImageSanitizer
{
    private int _calls;

    public IImageSanitizer? Inner { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public Task<SanitizedImage> SanitizeAsync(Stream original, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Inner!.SanitizeAsync(original, cancellationToken);
    }
}

/// <summary>A decode budget of one millisecond: every real decode runs past it.</summary>
public sealed class TinyDecodeBudgetAppFactory : DisputesAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Evidence:Limits:MaxDecodeTime", "00:00:00.001")];
}

/// <summary>Issue 22, items 1 and 2: what one upload may cost, and what a slow one may hold.</summary>
public sealed class UploadBudgetTests(TwoSlotsAppFactory app) : IClassFixture<TwoSlotsAppFactory>
{
    [Fact]
    public async Task A_progressive_jpeg_repeating_a_scan_50000_times_is_refused_at_once()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await DraftAsync(merchant);
        var bomb = ProgressiveJpeg.ScanBomb(7000, 7000, acScans: 50_000);
        var before = await app.StoredEvidenceAsync();
        var clock = Stopwatch.StartNew();

        var response = await Uploads.UploadAsync(merchant, id, bomb, "statement.jpg", contentType: "image/jpeg");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        var problem = await ApiClient.ReadAsync(response);
        Assert.Contains("结构过于复杂", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.StoredEvidenceAsync());
    }

    [Fact]
    public async Task Two_trickling_uploads_hold_no_decode_slot_and_a_normal_upload_goes_through()
    {
        var slow = new[] { await Session.NewMerchantAsync(app), await Session.NewMerchantAsync(app) };
        var slowCases = new[] { await DraftAsync(slow[0]), await DraftAsync(slow[1]) };
        Forget(app.BodiesBeingRead);
        var trickles = new[] { new TrickleContent(LargeScreenshot(71)), new TrickleContent(LargeScreenshot(72)) };
        var pending = slow.Select((m, i) => Streaming(m).PostAsync($"/api/v1/disputes/{slowCases[i]}/evidence", trickles[i])).ToList();
        await BothBeingReadAsync();

        var merchant = await Session.NewMerchantAsync(app);
        var id = await DraftAsync(merchant);
        var normal = await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(73)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Created, normal.StatusCode);
        Assert.All(pending, p => Assert.False(p.IsCompleted));
        foreach (var trickle in trickles)
        {
            trickle.Release();
        }

        Assert.All(await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30)), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
    }

    [Fact]
    public async Task A_third_upload_at_once_from_one_account_is_told_to_wait()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await DraftAsync(merchant);
        Forget(app.BodiesBeingRead);
        var trickles = new[] { new TrickleContent(LargeScreenshot(81)), new TrickleContent(LargeScreenshot(82)) };
        var streaming = Streaming(merchant);
        var pending = trickles.Select(t => streaming.PostAsync($"/api/v1/disputes/{id}/evidence", t)).ToList();
        await BothBeingReadAsync();

        var third = await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(83));
        foreach (var trickle in trickles)
        {
            trickle.Release();
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("正在进行的上传", (await ApiClient.ReadAsync(third)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.All(await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30)), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(HttpStatusCode.Created, (await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(83))).StatusCode);
    }

    [Fact]
    public async Task An_exact_duplicate_is_recognised_by_its_hash_before_any_decoding()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await DraftAsync(merchant);
        var bytes = Uploads.Screenshot(91);
        Assert.Equal(HttpStatusCode.Created, (await Uploads.UploadAsync(merchant, id, bytes)).StatusCode);
        var decodes = app.Sanitizer.Calls;

        var again = await Uploads.UploadAsync(merchant, id, bytes);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(decodes, app.Sanitizer.Calls);
    }

    /// <summary>
    /// A client of the same person that streams its request bodies: the default test client follows redirects, and
    /// to replay a body it buffers the whole of it before sending anything.
    /// </summary>
    private HttpClient Streaming(ApiClient person)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = person.Http.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>Reads signalled by the uploads of earlier tests.</summary>
    private static void Forget(SemaphoreSlim reads)
    {
        while (reads.Wait(0))
        {
        }
    }

    /// <summary>Both trickling uploads are past the rate limiter and their handlers are receiving the file.</summary>
    private async Task BothBeingReadAsync()
    {
        Assert.True(await app.BodiesBeingRead.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await app.BodiesBeingRead.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>About a megabyte, so that half of it is still to come while the handler reads.</summary>
    private static byte[] LargeScreenshot(int seed)
    {
        using var image = TestImages.Noise(500 + seed, 500);
        return TestImages.Encode(image, new SixLabors.ImageSharp.Formats.Png.PngEncoder());
    }

    private static async Task<string> DraftAsync(ApiClient merchant) =>
        (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
}

/// <summary>Issue 22, item 1: every decode has a hard time cap, configurable, answered 422 on the file.</summary>
public sealed class DecodeBudgetTests(TinyDecodeBudgetAppFactory app) : IClassFixture<TinyDecodeBudgetAppFactory>
{
    [Fact]
    public async Task A_decode_past_the_configured_cap_is_stopped_and_answered_422()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        var before = await app.StoredEvidenceAsync();
        var clock = Stopwatch.StartNew();

        // 99 scans of 7,000 × 7,000: inside every structural limit, seconds of decoding without the cap.
        var response = await Uploads.UploadAsync(merchant, id, ProgressiveJpeg.ScanBomb(7000, 7000, acScans: 99), "slow.jpg", contentType: "image/jpeg");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var problem = await ApiClient.ReadAsync(response);
        Assert.Contains("处理超时", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.StoredEvidenceAsync());
    }
}
