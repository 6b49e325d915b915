namespace MerchantDisputes.Web.Features.Admin;

/// <summary>
/// <c>dotnet run --project src/MerchantDisputes.Web -- --demo-data</c> (or <c>DemoData:Seed=true</c>) fills a Development
/// database with <see cref="DemoData"/> at start-up; the admin page offers the same as a button. Outside Development
/// the service does not exist, and asking for it stops the start-up before anything is written.
/// </summary>
public static partial class DemoDataExtensions
{
    public const string SeedSetting = "DemoData:Seed";

    /// <summary>
    /// The arguments without the flag, for the configuration: read as a setting, a lone "--demo-data" would take the
    /// next argument as its value (<c>--demo-data --urls …</c> would lose the address).
    /// </summary>
    public static string[] WithoutFlag(string[] args) =>
        args?.Where(a => !string.Equals(a, DemoData.CommandLineFlag, StringComparison.Ordinal)).ToArray() ?? [];

    public static void AddDemoData(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (args?.Contains(DemoData.CommandLineFlag, StringComparer.Ordinal) == true)
        {
            builder.Configuration[SeedSetting] = "true";
        }

        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddScoped<DemoData>();
        }
    }

    /// <summary>After the database is ready: the demo data when asked for, in Development only.</summary>
    public static async Task SeedDemoDataIfAskedAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue<bool>(SeedSetting))
        {
            return;
        }

        if (!app.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Demo data ({DemoData.CommandLineFlag}, {SeedSetting}) is for Development only; this is {app.Environment.EnvironmentName}. Nothing was written.");
        }

        await using var scope = app.Services.CreateAsyncScope();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var created = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(app.Lifetime.ApplicationStopping);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        LogSeeded(app.Logger, created, seconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Created} cases created in {Seconds:0.0} s (0 when they were there already).")]
    private static partial void LogSeeded(ILogger logger, int created, double seconds);
}
