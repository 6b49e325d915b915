using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Evidence;

/// <summary>
/// One screenshot of a case at full size: fitted to the width (long screenshots scroll down the page) or at its
/// actual pixels (scrolls both ways), with its facts and the previous and next screenshot. Works without script;
/// viewer.js only turns the zoom links into a click on the image.
/// </summary>
[Authorize]
public sealed class ViewerModel(EvidenceReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid EvidenceId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Zoom { get; set; }

    public EvidenceItem Item { get; private set; } = null!;
    public int Position { get; private set; }
    public int Count { get; private set; }
    public Guid? Previous { get; private set; }
    public Guid? Next { get; private set; }
    public bool SeesOriginal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = User.ToActor();
        var items = actor is null ? null : await reader.ListAsync(actor, Id, cancellationToken);
        var index = items?.FindIndex(e => e.Id == EvidenceId) ?? -1;
        if (items is null || index < 0)
        {
            return NotFound();
        }

        Item = items[index];
        Position = index + 1;
        Count = items.Count;
        Previous = index > 0 ? items[index - 1].Id : null;
        Next = index < items.Count - 1 ? items[index + 1].Id : null;
        SeesOriginal = EvidenceReader.MaySeeOriginals(actor!);
        return Page();
    }

    public string Link(Guid evidenceId, bool zoom) =>
        $"/Disputes/{Id}/evidence/{evidenceId}" + (zoom ? "?zoom=true" : string.Empty);
}
