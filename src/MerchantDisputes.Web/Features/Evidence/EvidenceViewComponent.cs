using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Mvc;

namespace MerchantDisputes.Web.Features.Evidence;

public sealed record EvidencePanel(
    Guid DisputeId,
    DisputeStatus Status,
    IReadOnlyList<EvidenceItem> Items,
    bool CanAdd,
    bool CanRemove,
    bool CanSubmit,
    bool SeesOriginals,
    bool SeesDuplicates,
    int MaxFiles);

/// <summary>The evidence section of a case page: thumbnails with hashes, and for the merchant the upload form.</summary>
public sealed class EvidenceViewComponent(EvidenceReader reader, Microsoft.Extensions.Options.IOptions<MerchantDisputes.Infrastructure.Evidence.Sanitising.EvidenceLimits> limits) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid disputeId, DisputeStatus status)
    {
        var actor = UserClaimsPrincipal.ToActor();
        var items = actor is null ? null : await reader.ListAsync(actor, disputeId, HttpContext.RequestAborted);
        if (actor is null || items is null)
        {
            return Content(string.Empty);
        }

        var merchant = actor.Is(Roles.Merchant);
        return View("~/Features/Evidence/_EvidencePanel.cshtml", new EvidencePanel(
            disputeId, status, items,
            CanAdd: merchant && status is DisputeStatus.Draft or DisputeStatus.NeedsInfo,
            CanRemove: merchant && status == DisputeStatus.Draft,
            CanSubmit: merchant && status == DisputeStatus.Draft,
            SeesOriginals: EvidenceReader.MaySeeOriginals(actor),
            SeesDuplicates: actor.IsStaff,
            MaxFiles: limits.Value.MaxFilesPerCase));
    }
}
