using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Platforms;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Disputes;

[Authorize(Roles = Roles.Merchant)]
public sealed class EditModel(DisputeCommands commands, DisputeQueries queries, DisputesDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public DisputeForm Form { get; set; } = new();

    public string CaseNumber { get; private set; } = string.Empty;

    public FormErrors Errors { get; } = new();

    public DisputeFieldsView Fields { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var dispute = await queries.FindAsync(User.RequireActor(), Id, cancellationToken);
        if (dispute is null)
        {
            return NotFound();
        }

        if (dispute.Status != DisputeStatus.Draft)
        {
            return Redirect($"/Disputes/{Id}");
        }

        Form = DisputeForm.From(dispute);
        CaseNumber = dispute.CaseNumber;
        await LoadFieldsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actor = User.RequireActor();
        var parseErrors = new ValidationErrors();
        var input = Form.ToInput(parseErrors);
        try
        {
            if (!parseErrors.Any)
            {
                await commands.EditDraftAsync(actor, Id, input, Form.Version, cancellationToken);
                return Redirect($"/Disputes/{Id}");
            }

            Errors.AddRange(await commands.CheckAsync(input, parseErrors, cancellationToken));
        }
        catch (DomainValidationException e)
        {
            Errors.AddRange(e.Errors);
        }
        catch (CaseChangedException)
        {
            Errors.Add("version", Problems.Text("Problem.Concurrency"));
        }
        catch (DisputeNotFoundException)
        {
            return NotFound();
        }
        catch (InvalidTransitionException)
        {
            return Redirect($"/Disputes/{Id}");
        }

        CaseNumber = (await queries.FindAsync(actor, Id, cancellationToken))?.CaseNumber ?? string.Empty;
        await LoadFieldsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadFieldsAsync(CancellationToken cancellationToken) =>
        Fields = new DisputeFieldsView(Form, Errors, await PlatformsApi.ActiveAsync(db, cancellationToken));
}
