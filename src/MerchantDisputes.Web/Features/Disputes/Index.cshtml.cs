using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>A merchant's dashboard, or the case list of whoever else is signed in.</summary>
[Authorize]
public sealed class IndexModel(DisputeQueries queries) : PageModel
{
    public DisputeStatus? Status { get; private set; }
    public DisputeType? Type { get; private set; }
    public bool IsMerchant { get; private set; }
    public PageOf<DisputeSummaryDto> Result { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync(DisputeStatus? status, DisputeType? type, int? p, CancellationToken cancellationToken)
    {
        var actor = User.RequireActor();
        IsMerchant = actor.Is(Roles.Merchant);
        Status = status;
        Type = type;
        Result = await queries.ListAsync(actor, new DisputeFilter(status, type, null, p ?? 1), cancellationToken);
    }
}
