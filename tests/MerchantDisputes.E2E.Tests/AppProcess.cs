using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// The real app as its own process: <c>dotnet</c> on the built MerchantDisputes.Web.dll, Development (so the demo
/// users exist), on a free loopback port, over a data folder and an Azurite the caller owns. Another process on the
/// same folder is a restart.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(90);

    private readonly Lock _gate = new();
    private readonly List<string> _output = [];
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiting = [];
    private readonly Process _process;

    private AppProcess(ProcessStartInfo start, string baseUrl)
    {
        BaseUrl = baseUrl;
        _process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    /// <summary>Starts the app and returns once <c>/health/ready</c> answers 200 (database and blob store reached).</summary>
    /// <param name="settings">Configuration keys ("Section:Key") on top of the defaults, as environment variables.</param>
    public static async Task<AppProcess> StartAsync(string dataDirectory, string blobConnectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var app = new AppProcess(StartInfo(baseUrl, dataDirectory, blobConnectionString, settings ?? new Dictionary<string, string>()), baseUrl);
        try
        {
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the app and every process it started at once (SIGKILL on Unix): no shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>The first line of the app's output that matches, waiting for it up to <paramref name="limit"/>.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var seen = _output.Select(line => pattern.Match(line)).FirstOrDefault(match => match.Success);
            if (seen is not null)
            {
                return seen;
            }

            _waiting.Add((pattern, found));
        }

        using var timeout = new CancellationTokenSource(limit);
        var exited = _process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(found.Task, exited) == found.Task)
        {
            return await found.Task;
        }

        throw new TimeoutException($"No line of the app matched /{pattern}/ (exited: {_process.HasExited}):\n{RecentOutput()}");
    }

    /// <summary>The last lines the app wrote, for a failure message.</summary>
    public string RecentOutput()
    {
        lock (_gate)
        {
            return string.Join('\n', _output.TakeLast(200));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string baseUrl, string dataDirectory, string blobConnectionString, IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var web = Path.Combine(Repository(), "src", "MerchantDisputes.Web");
        var info = new ProcessStartInfo("dotnet", Path.Combine(web, "bin", configuration, "net10.0", "MerchantDisputes.Web.dll"))
        {
            WorkingDirectory = web,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = baseUrl;
        info.Environment["App__PublicBaseUrl"] = baseUrl;
        info.Environment["DataDirectory"] = dataDirectory;
        info.Environment["Evidence__Store"] = "AzureBlob";
        info.Environment["Evidence__ConnectionString"] = blobConnectionString;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["RateLimits__SignInPerMinute"] = "1000";
        info.Environment["RateLimits__RegisterPerMinute"] = "1000";
        info.Environment["PublicTransparency__CacheDuration"] = "00:00:00";
        info.Environment["PublicTransparency__UncachedPerMinute"] = "100000";
        info.Environment["Disputes__DailySubmissionLimit"] = "1000";
        info.Environment["RateLimits__ConcurrentUploadsPerAccount"] = "1000";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var limit = DateTime.UtcNow + ReadyLimit;
        while (DateTime.UtcNow < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was ready:\n{RecentOutput()}");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app was not ready within {ReadyLimit.TotalSeconds} seconds:\n{RecentOutput()}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
            foreach (var waiter in _waiting.ToList())
            {
                var match = waiter.Pattern.Match(line);
                if (match.Success)
                {
                    waiter.Found.TrySetResult(match);
                    _waiting.Remove(waiter);
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MerchantDisputes.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MerchantDisputes.sln not found above the test output.");
    }
}
