using System.Globalization;
using MerchantDisputes.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>ProblemDetails in the reader's language, with errors keyed by the JSON field they concern.</summary>
public static class Problems
{
    public static ValidationProblem Validation(IEnumerable<ValidationError> errors)
    {
        var culture = CultureInfo.CurrentUICulture;
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => Describe(e, culture)).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(byField, title: Text("Problem.Validation"));
    }

    /// <summary>
    /// Domain codes read the domain's resources; "Web." codes read the web's; "Identity." errors arrive
    /// already described by <see cref="Features.Account.LocalizedIdentityErrorDescriber"/>.
    /// </summary>
    public static string Describe(ValidationError error, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code.StartsWith("Identity.", StringComparison.Ordinal) && error.Arguments is [string described, ..])
        {
            return described;
        }

        return error.Code.StartsWith("Web.", StringComparison.Ordinal)
            ? Text(error.Code[4..], error.Arguments)
            : error.Message(culture);
    }

    public static ValidationProblem Validation(string field, string code, params object[] arguments) =>
        Validation([new ValidationError(field, code, arguments)]);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: Text("Problem.Conflict"));

    public static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(Text("Problem.Forbidden.Detail"), statusCode: StatusCodes.Status403Forbidden, title: Text("Problem.Forbidden"));

    public static ProblemHttpResult Unprocessable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: Text("Problem.Unprocessable"));

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: Text("Problem.Unauthorized"));

    /// <summary>429 with Retry-After (whole seconds, rounded up): the caller asked too often and should wait that long.</summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan retryAfter)
    {
        SetRetryAfter(response, retryAfter);
        return TypedResults.Problem(Text("Problem.TooManyRequests"), statusCode: StatusCodes.Status429TooManyRequests, title: Text("Problem.TooManyRequests.Title"));
    }

    /// <summary>429 with Retry-After and the refusal as a field error, for a limit the caller reached by their own actions.</summary>
    public static IResult TooManyRequests(ValidationError error, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [error.Field] = [Describe(error, CultureInfo.CurrentUICulture)],
        })
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = Text("Problem.TooManyRequests.Title"),
        };
        return new RetryAfter(TypedResults.Problem(problem), (int)Math.Ceiling(retryAfter.TotalSeconds));
    }

    /// <summary>429: the account already has as many uploads in flight as it may; one must finish first.</summary>
    public static ProblemHttpResult TooManyUploads(HttpResponse response)
    {
        SetRetryAfter(response, TimeSpan.FromSeconds(5));
        return TypedResults.Problem(Text("Problem.TooManyUploads"), statusCode: StatusCodes.Status429TooManyRequests, title: Text("Problem.TooManyRequests.Title"));
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>503 with Retry-After: a dependency cannot take the work now, nothing was written; try again later.</summary>
    public static IResult Unavailable(string title, string detail, int retryAfterSeconds) => new RetryAfter(
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: title), retryAfterSeconds);

    /// <summary>Looks up web text outside a request's DI scope (static helpers, exception handler).</summary>
    public static string Text(string key, params object[] arguments)
    {
        var value = Localizer.Value[key, arguments];
        return value.ResourceNotFound ? key : value.Value;
    }

    private static readonly Lazy<IStringLocalizer> Localizer = new(() =>
        new ResourceManagerStringLocalizerFactory(
                Microsoft.Extensions.Options.Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }),
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .Create(typeof(SharedResource)));

    private sealed class RetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
