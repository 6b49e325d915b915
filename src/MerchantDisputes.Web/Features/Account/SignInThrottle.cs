using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>Section "SignInThrottle": how many wrong passwords an address, and all addresses together, may try on one account.</summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "SignInThrottle";

    /// <summary>Wrong passwords for one account from one client address before that address is locked out of it.</summary>
    [Range(1, 1_000)]
    public int FailuresPerAddress { get; set; } = 5;

    /// <summary>How long an address stays locked out of the account, counted from its first failure in the series.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords for one account from all addresses together before the account is throttled.</summary>
    [Range(1, 100_000)]
    public int FailuresPerAccount { get; set; } = 20;

    /// <summary>The account's window: throttled until its first counted failure is this old.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Replaces Identity's lockout for wrong passwords, which is per account only: five anonymous guesses locked anyone
/// out, staff included. Failures are counted per account (the normalised name typed, whether or not an account has
/// it, so the answers tell nothing) and client address: a stranger locks only their own address out. All addresses
/// together have a higher, slower limit per account, which stops a guess from an address that never signed in to the
/// account successfully; addresses the owner signed in from go on. Counted in memory per instance on the app's
/// clock, as the other rate limits are; a successful sign-in from an address clears its count, a password reset the
/// account's. Identity's own lockout still applies to a locked account (an admin's lock) and to wrong second-factor
/// codes, which only someone who knows the password can try.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, Series> _byAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Series> _byAccount = new(StringComparer.Ordinal);
    private readonly object _strangerLock = new();
    private string? _strangerHash;

    /// <summary>Whether a password attempt on <paramref name="account"/> from <paramref name="address"/> is refused before it is checked.</summary>
    /// <param name="knownAddress">Whether the account was signed in to from the address before; asked only when the account is throttled.</param>
    public async Task<bool> RefusesAsync(string account, string address, Func<Task<bool>> knownAddress)
    {
        ArgumentNullException.ThrowIfNull(knownAddress);
        var limits = options.Value;
        var now = clock.GetUtcNow();
        if (Reached(_byAddress, Key(account, address), limits.FailuresPerAddress, limits.AddressWindow, now))
        {
            return true;
        }

        return Reached(_byAccount, account, limits.FailuresPerAccount, limits.AccountWindow, now) && !await knownAddress();
    }

    public void Failed(string account, string address)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        Count(_byAddress, Key(account, address), limits.AddressWindow, now);
        Count(_byAccount, account, limits.AccountWindow, now);
    }

    public void Succeeded(string account, string address) => _byAddress.TryRemove(Key(account, address), out _);

    /// <summary>A new password by e-mail: whoever holds the mailbox starts afresh, from any address.</summary>
    public void Reset(string account)
    {
        _byAccount.TryRemove(account, out _);
        foreach (var key in _byAddress.Keys.Where(k => k.StartsWith(account + "\n", StringComparison.Ordinal)))
        {
            _byAddress.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Checks a password against a hash of no one's, with the account's own hasher: an unknown address, or a refused
    /// attempt, costs the same hashing as a wrong password on a real account.
    /// </summary>
    public void VerifyAsStranger(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var stranger = new ApplicationUser();
        lock (_strangerLock)
        {
            _strangerHash ??= hasher.HashPassword(stranger, Guid.NewGuid().ToString("N"));
        }

        hasher.VerifyHashedPassword(stranger, _strangerHash, password);
    }

    private static string Key(string account, string address) => account + "\n" + address;

    private static bool Reached(ConcurrentDictionary<string, Series> counts, string key, int limit, TimeSpan window, DateTimeOffset now) =>
        counts.TryGetValue(key, out var series) && now - series.Since < window && series.Failures >= limit;

    private static void Count(ConcurrentDictionary<string, Series> counts, string key, TimeSpan window, DateTimeOffset now)
    {
        if (counts.Count >= MaxRemembered)
        {
            counts.Clear();
        }

        counts.AddOrUpdate(key, _ => new Series(now, 1), (_, s) => now - s.Since < window ? s with { Failures = s.Failures + 1 } : new Series(now, 1));
    }

    private sealed record Series(DateTimeOffset Since, int Failures);
}
