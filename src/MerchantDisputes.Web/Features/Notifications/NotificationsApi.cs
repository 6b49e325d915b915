using System.Security.Claims;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Notifications;

/// <param name="Title">The case's title, as every recipient of a notice may read it.</param>
/// <param name="Detail">The escalation step (Escalate) or the platform's answer (PlatformRespond).</param>
public sealed record NotificationDto(
    Guid Id, Guid DisputeId, string CaseNumber, string Kind, string? Detail, DateTimeOffset CreatedAt, bool Read, string? Title = null);

public sealed record UnreadDto(int Unread);

/// <summary>/api/v1/notifications: the signed-in user's notices, newest first, and the unread count.</summary>
public static class NotificationsApi
{
    public const int PageSize = 50;

    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications")
            .RequireAuthorization(AccountsExtensions.ApiPolicy).DisableAntiforgery();
        group.MapGet("/", List).WithName("ListNotifications").WithSummary("The latest notices for the signed-in user.");
        group.MapGet("/unread-count", Unread).WithName("UnreadNotifications").WithSummary("How many notices are unread.");
        group.MapPost("/{id:guid}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Marks one notice read.");
        group.MapPost("/read-all", MarkAllRead).WithName("MarkAllNotificationsRead").WithSummary("Marks every notice read.");
    }

    public static async Task<List<NotificationDto>> LatestAsync(DisputesDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await Posted(db, userId, now).AsNoTracking()
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(PageSize)
            .Select(n => new NotificationDto(
                n.Id, n.DisputeId, n.CaseNumber, n.Kind, n.Detail, n.CreatedAt, n.ReadAt != null,
                db.Disputes.Where(d => d.Id == n.DisputeId).Select(d => d.Title).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Opening a case reads what was said about it: its unread notices for this user become read.</summary>
    public static async Task MarkCaseReadAsync(DisputesDbContext db, Guid userId, Guid disputeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unread = Posted(db, userId, now).Where(n => n.ReadAt == null && n.DisputeId == disputeId);

        // A read first: most views find nothing unread, and an UPDATE would take the database's write lock for nothing.
        if (await unread.AnyAsync(cancellationToken))
        {
            await unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        }
    }

    public static Task<int> UnreadCountAsync(DisputesDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Posted(db, userId, now).CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    private static async Task<Ok<List<NotificationDto>>> List(ClaimsPrincipal user, DisputesDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LatestAsync(db, UserId(user), clock.GetUtcNow(), cancellationToken));

    private static async Task<Ok<UnreadDto>> Unread(ClaimsPrincipal user, DisputesDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadDto(await UnreadCountAsync(db, UserId(user), clock.GetUtcNow(), cancellationToken)));

    private static async Task<Results<NoContent, NotFound>> MarkRead(
        Guid id, ClaimsPrincipal user, DisputesDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await MarkReadAsync(db, UserId(user), id, clock.GetUtcNow(), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<NoContent> MarkAllRead(ClaimsPrincipal user, DisputesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await MarkAllReadAsync(db, UserId(user), clock.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <returns>False when the notice is not the user's (or does not exist).</returns>
    public static async Task<bool> MarkReadAsync(DisputesDbContext db, Guid userId, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = await db.Notifications.Where(n => n.Id == id && n.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken);
        return changed > 0;
    }

    public static Task<int> MarkAllReadAsync(DisputesDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Posted(db, userId, now).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>
    /// The user's notices that exist by <paramref name="now"/>: one the deadline sweep dated at the next office-hours
    /// opening is neither listed, counted nor marked read before then.
    /// </summary>
    private static IQueryable<MerchantDisputes.Infrastructure.Notifications.Notification> Posted(DisputesDbContext db, Guid userId, DateTimeOffset now) =>
        db.Notifications.Where(n => n.UserId == userId && n.CreatedAt <= now);

    private static Guid UserId(ClaimsPrincipal user) => user.ToActor()?.UserId ?? Guid.Empty;
}
