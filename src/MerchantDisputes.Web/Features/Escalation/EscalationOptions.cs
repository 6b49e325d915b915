using System.ComponentModel.DataAnnotations;
using MerchantDisputes.Domain.Escalation;

namespace MerchantDisputes.Web.Features.Escalation;

/// <summary>Section "Escalation": every window of the case life, as TimeSpans ("7.00:00:00"), and the sweep's schedule.</summary>
public sealed class EscalationOptions
{
    public const string SectionName = "Escalation";

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan PlatformResponseWindow { get; set; } = CaseWindows.Default.PlatformResponse;

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ReminderWindow { get; set; } = CaseWindows.Default.Reminder;

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan LegalReviewWindow { get; set; } = CaseWindows.Default.LegalReview;

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MerchantInfoWindow { get; set; } = CaseWindows.Default.MerchantInfo;

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan AutoResolveWindow { get; set; } = CaseWindows.Default.AutoResolve;

    /// <summary>Cron of the deadline sweep; every minute by default. Six fields allow seconds.</summary>
    [Required]
    public string SweepCron { get; set; } = "* * * * *";

    public CaseWindows Windows => new(PlatformResponseWindow, ReminderWindow, LegalReviewWindow, MerchantInfoWindow, AutoResolveWindow);
}
