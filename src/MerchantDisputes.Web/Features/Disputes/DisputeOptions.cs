using System.ComponentModel.DataAnnotations;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>Section "Disputes".</summary>
public sealed class DisputeOptions
{
    public const string SectionName = "Disputes";

    /// <summary>
    /// How many cases one merchant may submit in a day (China Standard Time), pages and API together: enough for a real
    /// shop, too few for one account to flood the mediators' queue.
    /// </summary>
    [Range(1, 1_000)]
    public int DailySubmissionLimit { get; set; } = 5;
}

/// <summary>The merchant already submitted <see cref="Limit"/> cases today (HTTP 429, Retry-After: the next midnight in China).</summary>
public sealed class DailySubmissionLimitException : Exception
{
    public DailySubmissionLimitException(int limit, TimeSpan retryAfter)
        : base($"At most {limit} cases may be submitted a day.")
    {
        Limit = limit;
        RetryAfter = retryAfter;
    }

    public DailySubmissionLimitException()
    {
    }

    public DailySubmissionLimitException(string message)
        : base(message)
    {
    }

    public DailySubmissionLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Limit { get; }

    public TimeSpan RetryAfter { get; }

    /// <summary>The refusal as a field error on the action ("submit").</summary>
    public ValidationError Error => new("submit", "Web.Problem.DailySubmissionLimit", Limit);
}
