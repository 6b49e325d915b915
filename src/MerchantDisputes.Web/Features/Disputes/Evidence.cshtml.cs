using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Evidence;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>The evidence forms of the case page when script is off: upload, caption, remove, submit. Each goes back to the case.</summary>
[Authorize(Roles = Roles.Merchant)]
[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
public sealed class EvidenceModel(EvidenceService evidence, SanitizeGate gate, DisputeCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public string? Problem { get; private set; }

    /// <summary>Submitting cannot be undone: the first post shows what happens next, the confirmed one submits.</summary>
    public bool ConfirmingSubmit { get; private set; }

    public IActionResult OnGet() => Redirect($"/Disputes/{Id}#evidence");

    public Task<IActionResult> OnPostUploadAsync(List<IFormFile> files, string? caption, CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            foreach (var file in files.Take(20))
            {
                await evidence.AddAsync(actor, Id, async ct =>
                {
                    await using var stream = file.OpenReadStream();
                    return new UploadInput(await gate.SanitizeAsync(stream, ct), caption);
                }, cancellationToken);
            }
        }, "Evidence.Uploaded");

    public Task<IActionResult> OnPostRemoveAsync(Guid evidenceId, CancellationToken cancellationToken) =>
        RunAsync(actor => evidence.RemoveAsync(actor, evidenceId, cancellationToken), "Evidence.Removed");

    public Task<IActionResult> OnPostCaptionAsync(Guid evidenceId, string? caption, CancellationToken cancellationToken) =>
        RunAsync(actor => evidence.CaptionAsync(actor, evidenceId, caption, cancellationToken), "Evidence.Captioned");

    public async Task<IActionResult> OnPostSubmitAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (confirmed)
        {
            return await RunAsync(actor => commands.SubmitAsync(actor, Id, null, cancellationToken), "Evidence.Submitted");
        }

        var checkedPage = await RunAsync(actor => commands.SubmitAsync(actor, Id, null, cancellationToken, dryRun: true), notice: null);
        ConfirmingSubmit = Problem is null && checkedPage is RedirectResult;
        return ConfirmingSubmit ? Page() : checkedPage;
    }

    /// <summary>Runs one change; a refusal is shown on this page in the user's language, success goes back to the case.</summary>
    private async Task<IActionResult> RunAsync(Func<Actor, Task> change, string? notice)
    {
        try
        {
            await change(User.RequireActor());
            Notice = notice;
            return Redirect($"/Disputes/{Id}#evidence");
        }
        catch (DisputeNotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (EvidenceProblems.Message(e) is { } message)
        {
            Problem = message;
        }
        catch (DailySubmissionLimitException e)
        {
            Problem = Problems.Describe(e.Error, System.Globalization.CultureInfo.CurrentUICulture);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        catch (DomainValidationException e)
        {
            Problem = string.Join(" ", e.Errors.Select(x => Problems.Describe(x, System.Globalization.CultureInfo.CurrentUICulture)));
        }
        catch (Exception e) when (e is InvalidTransitionException or CaseChangedException)
        {
            Problem = Problems.Text("Problem.Concurrency");
        }

        return Page();
    }
}
