using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>忘记密码: the e-mail address, then one answer whether or not an account has it.</summary>
[EnableRateLimiting(Protection.PasswordReset)]
public sealed class ForgotPasswordModel(PasswordRecovery recovery) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public FormErrors Errors { get; } = new();

    public bool Sent { get; private set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
        // Empty form.
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await recovery.RequestLinkAsync(Email, cancellationToken);
        Errors.AddRange(outcome.Errors);
        if (outcome.RetryAfter is { } wait)
        {
            Problems.SetRetryAfter(Response, wait);
            Message = Problems.Text("Problem.TooManyRequests");
            var page = Page();
            page.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }

        Sent = !Errors.Any;
        return Page();
    }
}
