using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

[CollectionDefinition(Name)]
public sealed class SharedAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// The real Azurite blob emulator from npm, started once for the collection on a free loopback port,
/// in memory, and killed at the end. Tests of outages stop and start it; data does not survive a restart.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // The emulator's well-known development account; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly string _workspace = Directory.CreateTempSubdirectory("azurite-").FullName;
    private readonly ConcurrentQueue<string> _output = new();
    private string? _executable;
    private Process? _process;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        _executable = await FindOrInstallAzuriteAsync();
        Port = FreeLoopbackPort();
        await StartAsync();
    }

    public Task DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        Directory.Delete(_workspace, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Starts Azurite on the same port again (empty: it keeps its data in memory) and waits until it listens.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        _process?.Dispose();
        _process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(_process);
    }

    /// <summary>Kills Azurite, as an outage would.</summary>
    public void Stop()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(_executable!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // --location cannot go with --inMemoryPersistence; the working folder catches anything it still writes.
            WorkingDirectory = _workspace,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--disableTelemetry", "--skipApiVersionCheck", "--inMemoryPersistence", "--silent",
        })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task WaitUntilListeningAsync(Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}:\n{string.Join('\n', _output)}");
            }

            if (await AnswersAsync(Port))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Azurite did not listen on port {Port} within {StartTimeout}:\n{string.Join('\n', _output)}");
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Collect(string? line)
    {
        if (line is not null && _output.Count < 200)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>tests/.tools first (where tests/install-azurite.sh puts it), then PATH, then install it there.</summary>
    private static async Task<string> FindOrInstallAzuriteAsync()
    {
        var repository = RepositoryRoot();
        var local = Path.Combine(repository, "tests", ".tools", "node_modules", ".bin", ExecutableName);
        var found = File.Exists(local) ? local : OnPath(ExecutableName);
        if (found is not null)
        {
            return found;
        }

        await InstallAsync(Path.Combine(repository, "tests", "install-azurite.sh"));
        return File.Exists(local)
            ? local
            : throw new InvalidOperationException($"Azurite is not at {local} after running tests/install-azurite.sh.");
    }

    private static async Task InstallAsync(string script)
    {
        using var install = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { script }, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run tests/install-azurite.sh.");
        using var timeout = new CancellationTokenSource(InstallTimeout);
        await install.WaitForExitAsync(timeout.Token);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/install-azurite.sh failed with exit code {install.ExitCode}.");
        }
    }

    private static string ExecutableName => OperatingSystem.IsWindows() ? "azurite-blob.cmd" : "azurite-blob";

    private static string? OnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, executable))
            .FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MerchantDisputes.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MerchantDisputes.sln above {AppContext.BaseDirectory}.");
    }
}
