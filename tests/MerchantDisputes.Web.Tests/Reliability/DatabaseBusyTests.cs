using System.Data.Common;
using System.Net;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Reliability;

/// <summary>
/// The app with a 2-second SQLite busy timeout, so a held write lock outlasts it quickly, and a watch on the
/// transactions it begins, so a test knows when the app has asked for the write lock.
/// </summary>
public sealed class BusyDatabaseAppFactory : DisputesAppFactory
{
    public const int BusyTimeoutSeconds = 2;

    public TransactionWatch Transactions { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Database:SqliteBusyTimeoutSeconds", BusyTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SqliteDisputesDbContext>(o => o.AddInterceptors(Transactions)));
    }
}

/// <summary>
/// Completes <see cref="Next"/> when the app next begins a transaction: on SQLite that is BEGIN IMMEDIATE, which
/// waits (up to the busy timeout) for the write lock that another writer holds.
/// </summary>
public sealed class TransactionWatch : DbTransactionInterceptor
{
    private TaskCompletionSource? _next;

    /// <summary>The next transaction the app begins after this call.</summary>
    public Task Next()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _next, started);
        return started.Task;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Interlocked.Exchange(ref _next, null)?.TrySetResult();
        return base.TransactionStarting(connection, eventData, result);
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _next, null)?.TrySetResult();
        return base.TransactionStartingAsync(connection, eventData, result, cancellationToken);
    }
}

/// <summary>
/// Another writer holds SQLite's write lock (BEGIN IMMEDIATE on its own connection, as a second process would).
/// Readers go on under WAL; a writer waits up to the busy timeout, then the request answers 503 with Retry-After and
/// leaves nothing behind: no case, no evidence row, no blob.
/// </summary>
public sealed class DatabaseBusyTests(BusyDatabaseAppFactory app) : IClassFixture<BusyDatabaseAppFactory>
{
    /// <summary>How long a step may take before the test fails instead of hanging: the app answers well within it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

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

        // The other writer keeps the lock for half the app's busy timeout once the app waits for it (real time: the
        // lock is real, not the app's clock): long beside a filing's few milliseconds, short of a 503.
        var held = TimeSpan.FromSeconds(BusyDatabaseAppFactory.BusyTimeoutSeconds) / 2;
        Task<HttpResponseMessage> filing;
        await using (await WriteLockAsync())
        {
            var writing = app.Transactions.Next();
            filing = merchant.PostAsync("/api/v1/disputes", ADispute.RefundOnly());
            await writing.WaitAsync(Bound);

            var first = await Task.WhenAny(filing, Task.Delay(held));
            Assert.False(first == filing, "the filing finished while another writer held the lock");
        }

        var response = await filing.WaitAsync(Bound);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
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
