using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Platforms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// One list, scoped by <see cref="DisputeVisibility"/>: the merchant's own cases; the mediators' queue; a platform
/// agent's inbox of their platform's forwarded cases; the lawyers' escalated cases. Staff lists come nearest
/// deadline first (<see cref="DisputeQueries"/>).
/// </summary>
[Authorize]
public sealed class IndexModel(
    DisputeQueries queries, QueueTotals totals, DisputesDbContext db, TimeProvider clock, IStringLocalizerFactory localizers) : PageModel
{
    public DisputeStatus? Status { get; private set; }
    public DisputeType? Type { get; private set; }
    public string? Platform { get; private set; }

    /// <summary>Case number, order number or store name (<see cref="QueueSearch"/>).</summary>
    public string? Search { get; private set; }

    /// <summary>Only the cases the signed-in mediator claimed.</summary>
    public bool Mine { get; private set; }

    [TempData]
    public string? Notice { get; set; }
    public Actor Actor { get; private set; } = Actor.System;
    public bool IsMerchant => Actor.Is(Roles.Merchant);

    /// <summary>An agent's list is one platform already; everyone else may narrow by platform.</summary>
    public bool FiltersByPlatform => !Actor.Is(Roles.PlatformAgent);

    /// <summary>Staff search their list and may export it; a merchant's own list needs neither.</summary>
    public bool IsStaffList => !IsMerchant;

    /// <summary>Only mediators claim cases.</summary>
    public bool FiltersMine => Actor.Is(Roles.Mediator);

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

    public async Task OnGetAsync(
        DisputeStatus? status, DisputeType? type, string? platform, string? q, bool mine, int? p, CancellationToken cancellationToken)
    {
        var filter = Filter(status, type, platform, q, mine, p);
        if (FiltersByPlatform)
        {
            Platforms = await PlatformsApi.AllAsync(db, cancellationToken);
        }

        Result = await queries.ListAsync(Actor, filter, cancellationToken, totals);
    }

    /// <summary>The list as it is filtered now, every page of it, as CSV (<see cref="QueueCsv"/>).</summary>
    public async Task<IActionResult> OnGetCsvAsync(
        DisputeStatus? status, DisputeType? type, string? platform, string? q, bool mine, CancellationToken cancellationToken)
    {
        var filter = Filter(status, type, platform, q, mine, page: null);
        if (!IsStaffList)
        {
            return NotFound();
        }

        var items = await queries.ExportAsync(Actor, filter, QueueCsv.MaxRows, cancellationToken);
        return File(QueueCsv.Write(items, localizers.Create(typeof(SharedResource))), QueueCsv.ContentType, QueueCsv.FileName(Now));
    }

    private DisputeFilter Filter(DisputeStatus? status, DisputeType? type, string? platform, string? q, bool mine, int? page)
    {
        Actor = User.RequireActor();
        Now = clock.GetUtcNow();
        Status = status;
        Type = type;
        Platform = FiltersByPlatform && !string.IsNullOrWhiteSpace(platform) ? platform.Trim() : null;
        Search = IsStaffList ? QueueSearch.Normalise(q) : null;
        Mine = FiltersMine && mine;
        return new DisputeFilter(status, type, Platform, page ?? 1, Search: Search, Mine: Mine);
    }

    public string PageLink(int page) => Link(page.ToString(System.Globalization.CultureInfo.InvariantCulture), handler: null);

    /// <summary>The same filters, every page, as CSV.</summary>
    public string CsvLink => Link(page: null, handler: "Csv");

    private string Link(string? page, string? handler) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["handler"] = handler,
            ["status"] = Status?.ToString(),
            ["type"] = Type?.ToString(),
            ["platform"] = Platform,
            ["q"] = Search,
            ["mine"] = Mine ? "true" : null,
            ["p"] = page,
        }.Where(kv => kv.Value is not null)).ToString();
}
