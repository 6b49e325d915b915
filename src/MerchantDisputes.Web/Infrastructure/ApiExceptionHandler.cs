using System.Text.Json;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>
/// Turns the domain's refusals and bad request bodies into ProblemDetails for API callers, and anything else that
/// escapes an API handler into a logged 500 ProblemDetails: an API client never gets the HTML error page.
/// </summary>
internal sealed partial class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext httpContext)
    {
        try
        {
            await next(httpContext);
        }
        catch (Exception exception) when (!httpContext.Response.HasStarted && !httpContext.RequestAborted.IsCancellationRequested)
        {
            var result = ToResult(exception);
            if (result is null)
            {
                LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
                result = TypedResults.Problem(
                    Problems.Text("Problem.Unexpected"), statusCode: StatusCodes.Status500InternalServerError, title: Problems.Text("Problem.Unexpected.Title"));
            }

            await result.ExecuteAsync(httpContext);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);

    internal static IResult? ToResult(Exception exception) =>
        exception switch
        {
            _ when MerchantDisputes.Infrastructure.Data.DatabaseBusy.Is(exception) => Busy(),
            DomainValidationException e => Problems.Validation(e.Errors),
            Features.Disputes.DailySubmissionLimitException e => Problems.TooManyRequests(e.Error, e.RetryAfter),
            BadHttpRequestException e => BadBody(e),
            InvalidTransitionException e => Problems.Conflict(Problems.Text("Problem.InvalidTransition", e.Action, Problems.Text("Status." + e.Status))),
            ActionNotAllowedException => Problems.Forbidden(),
            EvidenceRequiredException => Problems.Unprocessable(EvidenceProblems.Message(exception)!),
            Features.Disputes.CaseChangedException e => Problems.Conflict(
                Problems.Text("Problem.CaseChanged", Problems.Text("Status." + e.CurrentStatus))),
            DbUpdateConcurrencyException => Problems.Conflict(Problems.Text("Problem.Concurrency")),
            DisputeNotFoundException => TypedResults.NotFound(),
            EvidenceRejectedException e => EvidenceProblems.Rejected(e),
            EvidenceStoreUnavailableException => EvidenceProblems.Unavailable(),
            Features.Evidence.EvidenceLimitException or Features.Evidence.EvidenceLockedException => Problems.Unprocessable(EvidenceProblems.Message(exception)!),
            _ => null,
        };

    /// <summary>The database stayed locked past its timeout: nothing was written; try again shortly.</summary>
    internal static IResult Busy() => Problems.Unavailable(
        Problems.Text("Problem.Busy.Title"), Problems.Text("Problem.Busy"), MerchantDisputes.Infrastructure.Data.DatabaseBusy.RetryAfterSeconds);

    /// <summary>Malformed JSON or a field of the wrong type: name the field when the parser knows it.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem BadBody(BadHttpRequestException exception)
    {
        // A syntax error carries the reader's own JsonException inside; a wrong value type does not.
        if (exception.InnerException is JsonException { Path: { Length: > 1 } path } json && json.InnerException is not JsonException)
        {
            var field = JsonPathToField(path);
            return Problems.Validation(field, field == "type" ? ErrorCodes.UnknownType : ErrorCodes.InvalidValue);
        }

        return Problems.Validation("body", ErrorCodes.MalformedJson);
    }

    /// <summary>"$.refundOnly.orderNumber" → "refundOnly.orderNumber".</summary>
    internal static string JsonPathToField(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}

/// <summary>The case does not exist or the caller may not see it; both answer 404.</summary>
public sealed class DisputeNotFoundException : Exception
{
    public DisputeNotFoundException()
        : base("No such dispute.")
    {
    }

    public DisputeNotFoundException(string message)
        : base(message)
    {
    }

    public DisputeNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Refused uploads: 413 for size, 415 for what is not a screenshot, 422 for a screenshot we will not keep.</summary>
internal static class EvidenceProblems
{
    public static IResult Rejected(EvidenceRejectedException e)
    {
        var status = e.Reason switch
        {
            EvidenceRejectionReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
            EvidenceRejectionReason.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var errors = new Dictionary<string, string[]> { ["file"] = [Message(e)!] };
        return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = Problems.Text("Evidence.Rejected"),
            Detail = errors["file"][0],
            Extensions = { ["errors"] = errors },
        });
    }

    /// <summary>
    /// What an evidence refusal says to the user, in their language; the same words on the API and the pages.
    /// Null for an exception that is not an evidence refusal.
    /// </summary>
    public static string? Message(Exception exception) => exception switch
    {
        EvidenceRejectedException e => Problems.Text("Evidence.Rejected." + e.Reason),
        Features.Evidence.EvidenceLimitException e => Problems.Text(e.MessageKey, [.. e.Arguments]),
        Features.Evidence.EvidenceLockedException e => Problems.Text("Evidence.Locked", Problems.Text("Status." + e.Status)),
        EvidenceStoreUnavailableException => Problems.Text("Evidence.Unavailable"),
        EvidenceRequiredException => Problems.Text("Problem.EvidenceRequired"),
        _ => null,
    };

    /// <summary>The blob store is down: nothing was written; try again shortly.</summary>
    public static IResult Unavailable() => Problems.Unavailable(
        Problems.Text("Evidence.Unavailable.Title"), Message(new EvidenceStoreUnavailableException())!, retryAfterSeconds: 30);
}
