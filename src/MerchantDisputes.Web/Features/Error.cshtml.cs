using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features;

/// <summary>Shown for unhandled errors and bare status codes; never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error.Title";
    public string DetailKey { get; private set; } = "Error.Detail";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        if (Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = MerchantDisputes.Infrastructure.Data.DatabaseBusy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            TitleKey = "Problem.Busy.Title";
            DetailKey = "Problem.Busy";
        }
        else if (code == StatusCodes.Status404NotFound)
        {
            TitleKey = "Error.NotFound.Title";
            DetailKey = "Error.NotFound.Detail";
        }
        else if (code == StatusCodes.Status403Forbidden)
        {
            TitleKey = "Error.Forbidden.Title";
            DetailKey = "Error.Forbidden.Detail";
        }
    }
}
