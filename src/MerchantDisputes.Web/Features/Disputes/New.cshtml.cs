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

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>Two steps that work without script: choose the type, then fill in only that type's fields.</summary>
[Authorize(Roles = Roles.Merchant)]
public sealed class NewModel(DisputeCommands commands, DisputesDbContext db) : PageModel
{
    [BindProperty]
    public DisputeForm Form { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public DisputeFieldsView Fields { get; private set; } = null!;

    public async Task OnGetAsync(DisputeType? type, CancellationToken cancellationToken)
    {
        Form.Type = type is { } t && Enum.IsDefined(t) ? t : null;
        await LoadFieldsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var parseErrors = new ValidationErrors();
        var input = Form.ToInput(parseErrors);
        if (!parseErrors.Any)
        {
            try
            {
                var dispute = await commands.CreateAsync(User.RequireActor(), input, cancellationToken);
                return Redirect($"/Disputes/{dispute.Id}");
            }
            catch (DomainValidationException e)
            {
                Errors.AddRange(e.Errors);
            }
        }
        else
        {
            Errors.AddRange(await commands.CheckAsync(input, parseErrors, cancellationToken));
        }

        await LoadFieldsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadFieldsAsync(CancellationToken cancellationToken) =>
        Fields = new DisputeFieldsView(Form, Errors, await PlatformsApi.ActiveAsync(db, cancellationToken));
}
