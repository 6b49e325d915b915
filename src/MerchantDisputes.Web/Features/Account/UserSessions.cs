using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// A sign-in is a session: a row of Identity's own <c>AspNetUserTokens</c> (login provider <see cref="Provider"/>, name
/// the session id) that lives until sign-out, a password change or reset, or reuse of an old refresh token ends it.
/// The cookie and both bearer tokens carry the session id (<see cref="SessionClaim"/>); the refresh token also the
/// generation it was issued as (<see cref="RefreshClaim"/>), which the row keeps, so a refresh token works once.
/// </summary>
public sealed class UserSessions(DisputesDbContext db, SessionGuard guard, TimeProvider clock)
{
    public const string Provider = "[Session]";
    public const string SessionClaim = "sid";
    public const string RefreshClaim = "rid";

    /// <summary>A session ends at the latest this long after its sign-in (the bearer scheme's refresh-token lifetime).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>Starts a session; the claims to put on the principal signed in. Sessions past their lifetime are removed.</summary>
    public async Task<IReadOnlyList<Claim>> StartAsync(Guid userId)
    {
        var now = clock.GetUtcNow();
        var session = NewId(now);
        var refresh = NewId(now);
        await EndExpiredAsync(userId, now);
        db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = userId, LoginProvider = Provider, Name = session, Value = Value(now, refresh) });
        await db.SaveChangesAsync();
        return [new Claim(SessionClaim, session), new Claim(RefreshClaim, refresh)];
    }

    /// <summary>Whether the session exists and is within its lifetime, read from the database.</summary>
    public async Task<bool> IsLiveAsync(Guid userId, string session)
    {
        if (guard.HasEnded(session))
        {
            return false;
        }

        var value = await Rows(userId).Where(t => t.Name == session).Select(t => t.Value).FirstOrDefaultAsync();
        return value is not null && !IsExpired(value, clock.GetUtcNow());
    }

    /// <summary>
    /// A refresh token of generation <paramref name="refresh"/> is used: the session moves on to a new generation,
    /// whose claim is returned. An older generation (a refresh token used twice, by its owner or by whoever copied it)
    /// ends the whole session and every token of it: null.
    /// </summary>
    public async Task<Claim?> RotateAsync(Guid userId, string session, string refresh)
    {
        var now = clock.GetUtcNow();
        var value = await Rows(userId).Where(t => t.Name == session).Select(t => t.Value).FirstOrDefaultAsync();
        if (value is null || IsExpired(value, now))
        {
            return null;
        }

        var next = NewId(now);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var current = value[(colon + 1)..];
        var nextValue = value[..(colon + 1)] + next;

        // One conditional write: of two requests with the same token only one moves the generation on.
        var rotated = string.Equals(current, refresh, StringComparison.Ordinal)
            && await Rows(userId).Where(t => t.Name == session && t.Value == value)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, nextValue)) == 1;
        if (!rotated)
        {
            await EndAsync(userId, session);
            return null;
        }

        return new Claim(RefreshClaim, next);
    }

    /// <summary>A new refresh generation for the session (after a password change, with the tokens given anew).</summary>
    public async Task<Claim> RenewAsync(Guid userId, string session)
    {
        var now = clock.GetUtcNow();
        var next = NewId(now);
        await Rows(userId).Where(t => t.Name == session).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, Value(now, next)));
        return new Claim(RefreshClaim, next);
    }

    public async Task EndAsync(Guid userId, string session)
    {
        guard.End(session);
        await Rows(userId).Where(t => t.Name == session).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of the account but <paramref name="keep"/> (none: all of them).</summary>
    public async Task EndOthersAsync(Guid userId, string? keep)
    {
        var others = await Rows(userId).Where(t => t.Name != keep).Select(t => t.Name).ToListAsync();
        foreach (var session in others)
        {
            guard.End(session);
        }

        await Rows(userId).Where(t => t.Name != keep).ExecuteDeleteAsync();
        guard.StampChanged(userId);
    }

    public static string? SessionOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(SessionClaim);

    /// <summary>Carries the session (and refresh generation) onto a principal rebuilt from the account.</summary>
    public static void Carry(ClaimsPrincipal? from, ClaimsPrincipal? to)
    {
        if (from is null || to?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        foreach (var type in new[] { SessionClaim, RefreshClaim })
        {
            if (from.FindFirst(type) is { } claim && !to.HasClaim(c => c.Type == type))
            {
                identity.AddClaim(new Claim(type, claim.Value));
            }
        }
    }

    private IQueryable<IdentityUserToken<Guid>> Rows(Guid userId) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider);

    private async Task EndExpiredAsync(Guid userId, DateTimeOffset now)
    {
        var rows = await Rows(userId).Select(t => new { t.Name, t.Value }).ToListAsync();
        var expired = rows.Where(r => r.Value is null || IsExpired(r.Value, now)).Select(r => r.Name).ToList();
        if (expired.Count > 0)
        {
            await Rows(userId).Where(t => expired.Contains(t.Name)).ExecuteDeleteAsync();
        }
    }

    private static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>The row's value: when the session started (Unix seconds) and the current refresh generation.</summary>
    private static string Value(DateTimeOffset started, string refresh) =>
        started.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ":" + refresh;

    private static bool IsExpired(string value, DateTimeOffset now)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || !long.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var started)
            || DateTimeOffset.FromUnixTimeSeconds(started) + Lifetime <= now;
    }
}

/// <summary>
/// What one instance remembers between database reads: sessions ended here (refused at once, before any read),
/// each account's security stamp and each session's liveness as last read (read again after
/// <see cref="SecurityStampValidatorOptions.ValidationInterval"/>, so other instances learn of an ending within it).
/// </summary>
public sealed class SessionGuard
{
    private const int MaxRemembered = 50_000;
    private readonly ConcurrentDictionary<string, byte> _ended = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, (string? Stamp, DateTimeOffset ReadAt)> _stamps = new();
    private readonly ConcurrentDictionary<string, (bool Live, DateTimeOffset ReadAt)> _sessions = new(StringComparer.Ordinal);

    public bool HasEnded(string session) => _ended.ContainsKey(session);

    public void End(string session)
    {
        Bound(_ended);
        _ended[session] = 0;
        _sessions.TryRemove(session, out _);
    }

    /// <summary>The account's stamp changed here (a new password): read it again at the next request.</summary>
    public void StampChanged(Guid userId) => _stamps.TryRemove(userId, out _);

    public async Task<string?> StampAsync(Guid userId, DateTimeOffset now, TimeSpan interval, Func<Task<string?>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_stamps.TryGetValue(userId, out var known) && now - known.ReadAt < interval)
        {
            return known.Stamp;
        }

        var stamp = await read();
        Bound(_stamps);
        _stamps[userId] = (stamp, now);
        return stamp;
    }

    public async Task<bool> IsLiveAsync(string session, DateTimeOffset now, TimeSpan interval, Func<Task<bool>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (HasEnded(session))
        {
            return false;
        }

        if (_sessions.TryGetValue(session, out var known) && now - known.ReadAt < interval)
        {
            return known.Live;
        }

        var live = await read();
        Bound(_sessions);
        _sessions[session] = (live, now);
        return live;
    }

    private static void Bound<TKey, TValue>(ConcurrentDictionary<TKey, TValue> remembered)
        where TKey : notnull
    {
        if (remembered.Count >= MaxRemembered)
        {
            remembered.Clear();
        }
    }
}
