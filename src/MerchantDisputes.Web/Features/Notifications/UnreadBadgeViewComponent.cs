using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Mvc;

namespace MerchantDisputes.Web.Features.Notifications;

/// <summary>The nav link to the notices with the unread count: one COUNT on an indexed column per page.</summary>
public sealed class UnreadBadgeViewComponent(DisputesDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = UserClaimsPrincipal.ToActor()?.UserId;
        var unread = userId is { } id ? await NotificationsApi.UnreadCountAsync(db, id, clock.GetUtcNow(), HttpContext.RequestAborted) : 0;
        return View("~/Features/Notifications/_UnreadBadge.cshtml", unread);
    }
}
