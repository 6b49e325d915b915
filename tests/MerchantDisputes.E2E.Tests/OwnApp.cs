namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// An app of a test class's own, beside the shared one, for settings the shared app must not have: its own data
/// folder (deleted at the end) and the fixture's Azurite.
/// </summary>
public sealed class OwnApp : IAsyncDisposable
{
    private readonly string _data;
    private readonly AppProcess _process;

    private OwnApp(string data, AppProcess process)
    {
        _data = data;
        _process = process;
    }

    public string BaseUrl => _process.BaseUrl;

    /// <summary>The app's DataDirectory (its SQLite file is merchantdisputes.db there).</summary>
    public string DataFolder => _data;

    public static async Task<OwnApp> StartAsync(AppFixture fixture, string name, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var data = Directory.CreateTempSubdirectory($"md-e2e-{name}-").FullName;
        try
        {
            return new OwnApp(data, await AppProcess.StartAsync(data, fixture.BlobConnectionString, settings));
        }
        catch
        {
            TempFolders.Delete(data);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        TempFolders.Delete(_data);
    }
}
