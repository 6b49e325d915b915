using System.Collections.Concurrent;
using System.Net;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Accounts;

/// <summary>Identity's password hasher, counting how often each password is checked.</summary>
public sealed class CountingHasher : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> _inner = new();

    public ConcurrentDictionary<string, int> Checks { get; } = new(StringComparer.Ordinal);

    public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Checks.AddOrUpdate(providedPassword, 1, (_, n) => n + 1);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class CountingHasherAppFactory : DisputesAppFactory
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher));
    }
}

/// <summary>
/// Issue 22, item 7: sign-in and registration tell nobody which addresses have accounts, and a stranger's wrong
/// passwords cannot lock the owner out.
/// </summary>
public sealed class EnumerationAndLockoutTests(CountingHasherAppFactory app) : IClassFixture<CountingHasherAppFactory>
{
    [Fact]
    public async Task Sign_in_checks_one_password_hash_whether_or_not_the_account_exists()
    {
        var known = $"known-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(app, known);
        var unknown = $"nobody-{Guid.NewGuid():N}@shop.test";
        var api = new ApiClient(app.CreateClient());
        var probes = Enumerable.Range(0, 4).Select(i => $"Probe-{i}-{Guid.NewGuid():N}").ToList();

        var knownApi = await api.PostAsync("/api/v1/auth/login", new { email = known, password = probes[0] });
        var unknownApi = await api.PostAsync("/api/v1/auth/login", new { email = unknown, password = probes[1] });
        var knownPage = await Browser.PostFormAsync(Browser.NewBrowser(app), "/Account/Login", new() { ["Email"] = known, ["Password"] = probes[2] });
        var unknownPage = await Browser.PostFormAsync(Browser.NewBrowser(app), "/Account/Login", new() { ["Email"] = unknown, ["Password"] = probes[3] });

        Assert.All(probes, p => Assert.Equal(1, app.Hasher.Checks.GetValueOrDefault(p)));
        Assert.Equal(HttpStatusCode.Unauthorized, knownApi.StatusCode);
        Assert.Equal(Detail(await knownApi.Content.ReadAsStringAsync()), Detail(await unknownApi.Content.ReadAsStringAsync()));
        var knownMessage = Message(await knownPage.Content.ReadAsStringAsync());
        Assert.Contains("邮箱或密码不正确", knownMessage, StringComparison.Ordinal);
        Assert.Equal(knownMessage, Message(await unknownPage.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_as_a_new_one_and_mails_its_owner()
    {
        var email = $"taken-{Guid.NewGuid():N}@shop.test";
        var anonymous = new ApiClient(app.CreateClient());
        var first = await anonymous.PostAsync("/api/v1/auth/register", AMerchant.Registration(email));
        var fresh = await anonymous.PostAsync("/api/v1/auth/register", AMerchant.Registration($"fresh-{Guid.NewGuid():N}@shop.test"));

        var again = await anonymous.PostAsync("/api/v1/auth/register", AMerchant.Registration(email).With("password", "Attackers-Guess-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(fresh.Headers.Location, again.Headers.Location);
        var freshBody = await ApiClient.ReadAsync(fresh);
        var againBody = await ApiClient.ReadAsync(again);
        Assert.Equal(freshBody.EnumerateObject().Select(p => p.Name), againBody.EnumerateObject().Select(p => p.Name));
        Assert.Equal(email, againBody.GetProperty("email").GetString());
        Assert.NotEqual((await ApiClient.ReadAsync(first)).GetProperty("id").GetString(), againBody.GetProperty("id").GetString());

        var mail = await app.WithDbAsync(db => db.OutboxEmails.Where(m => m.ToAddress == email).ToListAsync());
        Assert.Equal("有人尝试用您的邮箱注册商家申诉通", Assert.Single(mail).Subject);
        Assert.Contains("https://localhost/Account/ForgotPassword", mail[0].Body, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/auth/login", new { email, password = "Attackers-Guess-1" })).StatusCode);
        await Session.SignInAsync(new ApiClient(app.CreateClient()), email, Session.Password);
    }

    [Fact]
    public async Task A_strangers_wrong_passwords_from_another_address_do_not_lock_the_owner_out()
    {
        var email = $"owner-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(app, email);
        var nobody = $"nobody-{Guid.NewGuid():N}@shop.test";

        var stranger = new List<HttpStatusCode>();
        var strangerOnNobody = new List<string?>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            stranger.Add((await LoginFromAsync("198.51.100.7", email, "Wrong-password-1")).StatusCode);
            strangerOnNobody.Add(Detail(await (await LoginFromAsync("198.51.100.7", nobody, "Wrong-password-1")).Content.ReadAsStringAsync()));
        }

        var strangerRight = await LoginFromAsync("198.51.100.7", email, Session.Password);
        var owner = await LoginFromAsync("192.0.2.10", email, Session.Password);

        Assert.All(stranger, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Unauthorized, strangerRight.StatusCode);
        Assert.Contains("锁定", Detail(await strangerRight.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);

        // An address no account has is locked the same way: the lockout tells nothing either.
        Assert.Equal(Detail(await strangerRight.Content.ReadAsStringAsync()), strangerOnNobody[^1]);
        Assert.DoesNotContain("锁定", strangerOnNobody[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_throttle_stops_guesses_from_many_addresses_but_not_the_owners_known_address()
    {
        var email = $"crowd-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(app, email);
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync("192.0.2.10", email, Session.Password)).StatusCode);

        for (var n = 1; n <= 20; n++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginFromAsync($"198.51.100.{n}", email, "Wrong-password-1")).StatusCode);
        }

        var guessedRight = await LoginFromAsync("198.51.100.21", email, Session.Password);
        var owner = await LoginFromAsync("192.0.2.10", email, Session.Password);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var later = await LoginFromAsync("198.51.100.22", email, Session.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, guessedRight.StatusCode);
        Assert.Contains("锁定", Detail(await guessedRight.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    private async Task<HttpResponseMessage> LoginFromAsync(string address, string email, string password)
    {
        using var http = new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address)))
        {
            BaseAddress = DisputesAppFactory.Https,
        };
        var response = await new ApiClient(http).PostAsync("/api/v1/auth/login", new { email, password });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string? Detail(string problem) =>
        System.Text.Json.JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString();

    /// <summary>The sign-in page's message above its form.</summary>
    private static string Message(string page)
    {
        var start = page.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        return start < 0 ? string.Empty : page[start..page.IndexOf('<', start)];
    }
}
