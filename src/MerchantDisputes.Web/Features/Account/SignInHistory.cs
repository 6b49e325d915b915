using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using IdentitySignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>A row of a user's sign-in history as the pages and the API show it.</summary>
public sealed record SignInEventDto(DateTimeOffset At, SignInOutcome Outcome, SignInMethod Method, bool ViaApi, string? IpAddress, string? UserAgent);

/// <summary>Keeps and reads each account's sign-in attempts (who tried, when, from where, with what result).</summary>
public sealed class SignInHistory(DisputesDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public const int Shown = 50;

    public async Task RecordAsync(Guid userId, SignInMethod method, IdentitySignInResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = http.HttpContext;
        db.SignInEvents.Add(new SignInEvent
        {
            UserId = userId,
            At = clock.GetUtcNow(),
            Outcome = OutcomeOf(result),
            Method = method,
            ViaApi = request is not null && Infrastructure.HostingExtensions.IsApi(request),
            IpAddress = request?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(request?.Request.Headers.UserAgent.ToString()),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Whether the account was ever signed in to (password right) from <paramref name="address"/>.</summary>
    public Task<bool> HasSucceededFromAsync(Guid userId, string? address) =>
        db.SignInEvents.AsNoTracking().AnyAsync(e => e.UserId == userId && e.IpAddress == address
            && (e.Outcome == SignInOutcome.Succeeded || e.Outcome == SignInOutcome.SecondFactorRequired));

    /// <summary>The newest attempts first.</summary>
    public async Task<IReadOnlyList<SignInEventDto>> RecentAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.SignInEvents.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(Shown)
            .Select(e => new SignInEventDto(e.At, e.Outcome, e.Method, e.ViaApi, e.IpAddress, e.UserAgent))
            .ToListAsync(cancellationToken);

    public static SignInOutcome OutcomeOf(IdentitySignInResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            { Succeeded: true } => SignInOutcome.Succeeded,
            { RequiresTwoFactor: true } => SignInOutcome.SecondFactorRequired,
            { IsLockedOut: true } => SignInOutcome.LockedOut,
            { IsNotAllowed: true } => SignInOutcome.NotAllowed,
            _ => SignInOutcome.Failed,
        };
    }

    private static string? Truncate(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? null
        : userAgent.Length <= SignInEvent.UserAgentMaxLength ? userAgent
        : userAgent[..SignInEvent.UserAgentMaxLength];
}
