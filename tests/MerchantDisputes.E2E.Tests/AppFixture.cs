using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

[CollectionDefinition(Name)]
public sealed class Browsers : ICollectionFixture<AppFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The real app as its own process (<see cref="AppProcess"/>) over a fresh SQLite file and a real Azurite, and
/// Debian's Chromium driven by Playwright. Nothing is downloaded.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly string _data = Directory.CreateTempSubdirectory("md-e2e-").FullName;
    private AppProcess? _app;

    public string BaseUrl { get; private set; } = string.Empty;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The fixture's Azurite, for a test that starts an app of its own beside the shared one.</summary>
    public string BlobConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        await _azurite.InitializeAsync();
        _app = await AppProcess.StartAsync(_data, _azurite.ConnectionString);
        BaseUrl = _app.BaseUrl;
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        TempFolders.Delete(_data);
    }

    /// <summary>
    /// A fresh browser context (its own cookies) whose page fails the test on any console error; on the shared app, or
    /// on <paramref name="baseUrl"/>.
    /// </summary>
    public async Task<Session> NewSessionAsync(int width = 390, int height = 844, string? baseUrl = null)
    {
        // A page answer after a POST can take more than Playwright's default 5 s on a loaded 2-core machine; an
        // expectation still fails at once on what is there, it only waits longer for what is not there yet.
        Assertions.SetDefaultExpectTimeout(15_000);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        var session = new Session(context, page, Screenshots, baseUrl ?? BaseUrl);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.ConsoleErrors.Add(message.Text + " at " + message.Location);
            }
        };
        page.PageError += (_, error) => session.ConsoleErrors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                session.ConsoleErrors.Add($"{response.Status} {response.Url}");
            }
        };
        return session;
    }
}

/// <summary>One person's browser: its page, console errors seen so far, and full-page screenshots at two widths.</summary>
public sealed class Session(IBrowserContext context, IPage page, string folder, string baseUrl) : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, byte> CheckedOnce = new(StringComparer.Ordinal);

    private bool _axeServed;

    public IPage Page { get; } = page;
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>The demo Mediator, Lawyer and Admin use the demo authenticator key (README); merchants and agents a password only.</summary>
    public const string DemoAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public async Task SignInAsync(string email, string password = "Demo-Passw0rd!", string authenticatorKey = DemoAuthenticatorKey)
    {
        await Page.GotoAsync("/Account/Login");
        await CheckLayoutOnceAsync("login");
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#main button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(new Regex("/(Disputes|Account/LoginWith2fa|Account/TwoFactor)"));
        if (Page.Url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            await CheckLayoutOnceAsync("login-second-step");
            await Page.Locator("#code").FillAsync(AuthenticatorCodes.Next(baseUrl, email, authenticatorKey));
            await Page.Locator("#main button[type=submit]").ClickAsync();
            await Page.WaitForURLAsync("**/Disputes");
        }

        if (Page.Url.EndsWith("/Disputes", StringComparison.Ordinal))
        {
            // The first list each role lands on: a merchant's cases, the mediators' queue, the agent's inbox, the lawyers' desk.
            await CheckLayoutOnceAsync("disputes-" + email);
        }
    }

    /// <summary>
    /// Checks the current page's layout (<see cref="LayoutCheck"/>) and saves it at 390 px (a phone) and 1280 px (a
    /// desktop), full length.
    /// </summary>
    public async Task ShootAsync(string name)
    {
        await CheckLayoutAsync(name);
        foreach (var width in new[] { 390, 1280 })
        {
            await Page.SetViewportSizeAsync(width, 900);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
        }

        await Page.SetViewportSizeAsync(390, 844);
    }

    /// <summary>
    /// Fails the test if the current page is wider than the screen or covers a control or heading, at either width
    /// (<see cref="LayoutCheck"/>), or breaks an axe-core rule (<see cref="AccessibilityCheck"/>).
    /// </summary>
    public async Task CheckLayoutAsync(string name)
    {
        await LayoutCheck.AssertSoundAsync(Page, name, folder);
        if (!_axeServed)
        {
            await AccessibilityCheck.ServeAxeAsync(Page);
            _axeServed = true;
        }

        await AccessibilityCheck.AssertNoViolationsAsync(Page, name, folder);
    }

    /// <summary>The same, once per test run for pages every story passes through (sign-in, the new-case form).</summary>
    public Task CheckLayoutOnceAsync(string name) =>
        CheckedOnce.TryAdd(name, 0) ? CheckLayoutAsync(name) : Task.CompletedTask;

    public void AssertNoConsoleErrors() =>
        Assert.True(ConsoleErrors.Count == 0, "browser console errors:\n" + string.Join("\n", ConsoleErrors));

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}

/// <summary>
/// Codes of the test authenticator for the app's real clock. Each app takes each code once, so a second sign-in of one
/// person to the same app in the same 30 s uses the next step's code, which the app accepts as clock drift. An app of
/// a test's own (the lawyer story's) keeps its own count.
/// </summary>
public static class AuthenticatorCodes
{
    private static readonly Dictionary<string, long> LastStep = new(StringComparer.OrdinalIgnoreCase);

    public static string Next(string baseUrl, string email, string key)
    {
        lock (LastStep)
        {
            var now = MerchantDisputes.Infrastructure.Identity.Totp.StepAt(DateTimeOffset.UtcNow);
            var person = baseUrl + " " + email;
            var step = LastStep.TryGetValue(person, out var last) ? Math.Max(now, last + 1) : now;
            if (step > now + 1)
            {
                throw new InvalidOperationException($"{email} signed in to {baseUrl} more than twice within 30 seconds; use another person.");
            }

            LastStep[person] = step;
            return MerchantDisputes.Infrastructure.Identity.Totp.Code(key, step);
        }
    }
}
