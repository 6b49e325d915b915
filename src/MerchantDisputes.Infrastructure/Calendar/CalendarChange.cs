using MerchantDisputes.Domain.Time;

namespace MerchantDisputes.Infrastructure.Calendar;

/// <summary>
/// An admin's addition or correction of one day of the working-day calendar, kept forever: the table is the audit
/// trail, and the latest change of each date is laid over the shipped data.
/// </summary>
public sealed class CalendarChange
{
    public const int ReasonMaxLength = 500;

    public Guid Id { get; set; }
    public DateOnly Date { get; set; }
    public bool IsOffDay { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
    public Guid ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>How many open cases' deadlines the change moved.</summary>
    public int MovedDeadlines { get; set; }

    public CalendarDay ToDay() => new(Date, IsOffDay, Name);
}
