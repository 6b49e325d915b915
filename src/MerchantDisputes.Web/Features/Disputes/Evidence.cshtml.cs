using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Evidence;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>The evidence forms of the case page when script is off: upload, caption, remove, submit. Each goes back to the case.</summary>
[Authorize(Roles = Roles.Merchant)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Protection.Uploads)]
[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
public sealed class EvidenceModel(EvidenceService evidence, IOptions<EvidenceLimits> limits, DisputeCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public string? Problem { get; private set; }

    /// <summary>Submitting cannot be undone: the first post shows what happens next, the confirmed one submits.</summary>
    public bool ConfirmingSubmit { get; private set; }

    public IActionResult OnGet() => Redirect($"/Disputes/{Id}#evidence");

    /// <summary>Several files, each with its own caption (<c>captions</c> in the order of <c>files</c>).</summary>
    public Task<IActionResult> OnPostUploadAsync(List<IFormFile> files, List<string?> captions, CancellationToken cancellationToken) =>
        RunAsync(actor => UploadAsync(actor, files.Select((file, i) => new UploadRow { File = file, Caption = captions.ElementAtOrDefault(i) }), cancellationToken), "Evidence.Uploaded");

    /// <summary>
    /// Contests the platform's answer with new evidence: the reason is checked first, then each file (with its caption)
    /// is added, then the case goes back to the mediator. The API does the same in two calls (upload, then contest).
    /// </summary>
    public Task<IActionResult> OnPostContestAsync(string? reason, int? version, List<UploadRow> uploads, CancellationToken cancellationToken) =>
        RunAsync(async actor =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new DomainValidationException([new ValidationError("reason", ErrorCodes.Required)]);
            }

            await UploadAsync(actor, uploads, cancellationToken);
            await commands.ActAsync(actor, Id, version, (d, now) => d.Contest(actor, reason, now), cancellationToken);
        }, "Notice.Contested");
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

    private async Task UploadAsync(Actor actor, IEnumerable<UploadRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows.Where(r => r.File is { Length: > 0 }).Take(20))
        {
            await evidence.AddAsync(actor, Id, async ct =>
            {
                await using var stream = row.File!.OpenReadStream();
                return new UploadInput(await EvidenceUpload.ReceiveAsync(stream, limits.Value.MaxFileBytes, ct), row.Caption);
            }, cancellationToken);
        }
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

/// <summary>One file of a form and its own caption.</summary>
public sealed class UploadRow
{
    public IFormFile? File { get; set; }

    public string? Caption { get; set; }
}
