using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Disputes;

[Authorize]
public sealed class DetailsModel(DisputeQueries queries, DisputeCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public DisputeDto? Dispute { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public string? Problem { get; private set; }

    public bool CanEdit => Is(DisputeAction.EditDraft);

    public bool CanWithdraw => Is(DisputeAction.Withdraw);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(string? reason, int? version, CancellationToken cancellationToken)
    {
        try
        {
            await commands.WithdrawAsync(User.RequireActor(), Id, reason, version, cancellationToken);
            Notice = "Details.Withdrawn";
            return Redirect($"/Disputes/{Id}");
        }
        catch (DisputeNotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is InvalidTransitionException or ActionNotAllowedException or CaseChangedException
            or Domain.Validation.DomainValidationException)
        {
            Problem = Problems.Text("Problem.Concurrency");
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Dispute = await queries.FindAsync(User.RequireActor(), Id, cancellationToken);
        return Dispute is not null;
    }

    private bool Is(DisputeAction action) =>
        Dispute is not null && User.ToActor() is { } actor
        && DisputeStateMachine.Find(Dispute.Status, action, actor.Role) is not null
        && (actor.Role != Roles.Merchant || actor.UserId is not null);
}
