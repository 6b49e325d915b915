using MerchantDisputes.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>
/// The real app over a fresh SQLite file in its own folder, with a clock the test moves.
/// Environment "Testing": no demo users, no developer pages.
/// </summary>
public class DisputesAppFactory : WebApplicationFactory<Program>
{
    public DisputesAppFactory()
        : this(Path.Combine(Path.GetTempPath(), "md-tests", Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>An app over an existing data folder: a restart of an earlier app.</summary>
    protected DisputesAppFactory(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(DataDirectory);
        ClientOptions.BaseAddress = Https;
    }

    /// <summary>
    /// Clients talk to the test host over https://localhost, as production does: outside Development the
    /// auth and antiforgery cookies are Secure, and a cookie container never sends those over http.
    /// </summary>
    public static Uri Https { get; } = new("https://localhost");

    /// <summary>False for tests that need real time (a real job server's cron).</summary>
    protected virtual bool UseFakeClock => true;

    /// <summary>Keep the data folder on dispose, for a restart test.</summary>
    public bool KeepData { get; set; }

    public string DataDirectory { get; }

    /// <summary>The app's SQLite file in <see cref="DataDirectory"/>, for tests that reach it as another process would.</summary>
    public string DatabaseFile => Path.Combine(DataDirectory, "merchantdisputes.db");

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>The last authenticator step each person used (see <see cref="Authenticator"/>).</summary>
    public Dictionary<string, long> AuthenticatorSteps { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected virtual string EnvironmentName => "Testing";

    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("App:PublicBaseUrl", Https.AbsoluteUri);

        // Background jobs run only where a test asks for them; others call the job classes directly.
        builder.UseSetting("Hangfire:Mode", "WebOnly");

        // Tests act as hundreds of people from one address; the limits have their own tests.
        foreach (var limit in new[] { "SignInPerMinute", "RegisterPerMinute", "UploadsPerMinute", "MessagesPerMinute", "PasswordResetPerMinute", "PasswordResetPerEmailPerHour" })
        {
            builder.UseSetting($"RateLimits:{limit}", "100000");
        }
        builder.UseSetting("PublicTransparency:UncachedPerMinute", "100000");
        builder.UseSetting("Disputes:DailySubmissionLimit", "1000");

        builder.UseSetting("RateLimits:ConcurrentUploadsPerAccount", "1000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            if (UseFakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }

    public async Task<T> WithDbAsync<T>(Func<DisputesDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DisputesDbContext>());
    }

    /// <summary>Evidence rows and blob files of the folder store, so a test can show that a refusal left nothing behind.</summary>
    public async Task<(int Rows, int Blobs)> StoredEvidenceAsync()
    {
        var rows = await WithDbAsync(db => db.Evidence.CountAsync());
        return (rows, EvidenceBlobFiles().Count);
    }

    /// <summary>The folder store's blob files (not its metadata or staging files).</summary>
    public IReadOnlyList<string> EvidenceBlobFiles()
    {
        var folder = Path.Combine(DataDirectory, "evidence");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains(".meta", StringComparison.Ordinal) && !f.Contains(".staging", StringComparison.Ordinal)).ToList()
            : [];
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!KeepData)
            {
                TryDelete(DataDirectory);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left for the OS temp cleaner.
        }
    }
}
