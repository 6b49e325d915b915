using System.Diagnostics;
using System.Net;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Reliability;

/// <summary>The app with a 2-second SQLite busy timeout, so a held write lock outlasts it quickly.</summary>
public sealed class BusyDatabaseAppFactory : DisputesAppFactory
{
    public const int BusyTimeoutSeconds = 2;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Database:SqliteBusyTimeoutSeconds", BusyTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>
/// Another writer holds SQLite's write lock (BEGIN IMMEDIATE on its own connection, as a second process would).
/// Readers go on under WAL; a writer waits up to the busy timeout, then the request answers 503 with Retry-After and
/// leaves nothing behind: no case, no evidence row, no blob.
/// </summary>
public sealed class DatabaseBusyTests(BusyDatabaseAppFactory app) : IClassFixture<BusyDatabaseAppFactory>
{
    [Fact]
    public async Task A_lock_held_past_the_busy_timeout_answers_503_with_retry_after_and_files_nothing()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var before = await app.WithDbAsync(db => db.Disputes.CountAsync());

        HttpResponseMessage response;
        await using (await WriteLockAsync())
        {
            Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/v1/disputes")).StatusCode); // reads go on
            response = await merchant.PostAsync("/api/v1/disputes", ADispute.RefundOnly());
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = await ApiClient.ReadAsync(response);
        Assert.Equal("系统正忙，本次操作没有保存任何内容，请稍后重试。", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Disputes.CountAsync()));
        Assert.Equal(HttpStatusCode.Created, (await merchant.PostAsync("/api/v1/disputes", ADispute.RefundOnly())).StatusCode);
    }

    [Fact]
    public async Task An_upload_refused_by_a_locked_database_leaves_no_blob_and_no_row()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        var before = await app.StoredEvidenceAsync();

        HttpResponseMessage response;
        await using (await WriteLockAsync())
        {
            response = await Uploads.UploadAsync(merchant, id, Uploads.Screenshot(4242));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(before, await app.StoredEvidenceAsync());
        await Uploads.UploadOkAsync(merchant, id, Uploads.Screenshot(4242));
    }

    [Fact]
    public async Task A_lock_released_within_the_busy_timeout_only_delays_the_write()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var held = TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();

        Task<HttpResponseMessage> filing;
        await using (await WriteLockAsync())
        {
            filing = merchant.PostAsync("/api/v1/disputes", ADispute.RefundOnly());
            // The other writer's work takes this long (real time: the lock is real, not the app's clock).
            await Task.Delay(held);
        }

        var response = await filing;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(clock.Elapsed >= held, "the write should have waited for the lock");
    }

    [Fact]
    public async Task A_page_form_refused_by_a_locked_database_says_busy_in_the_users_language()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var id = await PageCast.SubmittedCaseAsync(app, merchant);
        var form = await PageCast.FormOfAsync(merchant.Browser, $"/Disputes/{id}");

        HttpResponseMessage response;
        await using (await WriteLockAsync())
        {
            response = await form.PostAsync(merchant.Browser, $"/Disputes/{id}?handler=Message", new() { ["body"] = "补充一张物流截图" });
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("系统正忙，本次操作没有保存任何内容，请稍后重试。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("SqliteException", page, StringComparison.Ordinal);
        Assert.DoesNotContain("补充一张物流截图", await merchant.Browser.GetStringAsync($"/Disputes/{id}"), StringComparison.Ordinal);
    }

    private Task<SqliteWriteLock> WriteLockAsync() => SqliteWriteLock.TakeAsync(app.DatabaseFile);
}
