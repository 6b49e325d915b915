using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Notifications;

/// <summary>The signed-in user's notices, newest first; marking read is a plain POST.</summary>
[Authorize]
public sealed class IndexModel(DisputesDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NotificationDto> Items { get; private set; } = [];

    public int Unread => Items.Count(n => !n.Read);

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await NotificationsApi.LatestAsync(db, UserId, clock.GetUtcNow(), cancellationToken);

    public async Task<IActionResult> OnPostReadAsync(Guid id, string? next, CancellationToken cancellationToken)
    {
        if (!await NotificationsApi.MarkReadAsync(db, UserId, id, clock.GetUtcNow(), cancellationToken))
        {
            return NotFound();
        }

        // "Open" marks the notice read and goes to its case; "mark read" stays here.
        if (next is not null && Url.IsLocalUrl(next))
        {
            return LocalRedirect(next);
        }

        Notice = "Notifications.MarkedRead";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        await NotificationsApi.MarkAllReadAsync(db, UserId, clock.GetUtcNow(), cancellationToken);
        Notice = "Notifications.AllMarkedRead";
        return RedirectToPage();
    }

    private Guid UserId => User.RequireActor().UserId ?? Guid.Empty;
}
