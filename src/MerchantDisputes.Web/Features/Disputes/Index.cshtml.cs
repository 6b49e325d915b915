using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Platforms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// One list, scoped by <see cref="DisputeVisibility"/>: the merchant's own cases; the mediators' queue; a platform
/// agent's inbox of their platform's forwarded cases; the lawyers' escalated cases. Staff lists come nearest
/// deadline first (<see cref="DisputeQueries"/>).
/// </summary>
[Authorize]
public sealed class IndexModel(DisputeQueries queries, QueueTotals totals, DisputesDbContext db, TimeProvider clock) : PageModel
{
    public DisputeStatus? Status { get; private set; }
    public DisputeType? Type { get; private set; }
    public string? Platform { get; private set; }
    public Actor Actor { get; private set; } = Actor.System;
    public bool IsMerchant => Actor.Is(Roles.Merchant);

    /// <summary>An agent's list is one platform already; everyone else may narrow by platform.</summary>
    public bool FiltersByPlatform => !Actor.Is(Roles.PlatformAgent);

    public IReadOnlyList<PlatformDto> Platforms { get; private set; } = [];
    public PageOf<DisputeSummaryDto> Result { get; private set; } = new([], 1, 20, 0);
    public DateTimeOffset Now { get; private set; }

    public string TitleKey => Actor.Role switch
    {
        Roles.Merchant => "Nav.MyDisputes",
        Roles.PlatformAgent => "Queue.Inbox",
        Roles.Lawyer => "Queue.Escalated",
        _ => "Queue.Mediation",
    };

    public string LeadKey => "Queue.Lead." + Actor.Role;

    public async Task OnGetAsync(DisputeStatus? status, DisputeType? type, string? platform, int? p, CancellationToken cancellationToken)
    {
        Actor = User.RequireActor();
        Now = clock.GetUtcNow();
        Status = status;
        Type = type;
        Platform = FiltersByPlatform && !string.IsNullOrWhiteSpace(platform) ? platform.Trim() : null;
        if (FiltersByPlatform)
        {
            Platforms = await PlatformsApi.AllAsync(db, cancellationToken);
        }

        Result = await queries.ListAsync(Actor, new DisputeFilter(status, type, Platform, p ?? 1), cancellationToken, totals);
    }

    public string PageLink(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(),
            ["type"] = Type?.ToString(),
            ["platform"] = Platform,
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => kv.Value is not null)).ToString();
}
