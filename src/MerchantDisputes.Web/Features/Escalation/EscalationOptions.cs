using System.ComponentModel.DataAnnotations;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Time;

namespace MerchantDisputes.Web.Features.Escalation;

/// <summary>
/// Section "Escalation": every window of the case life, each in working days ("7wd") or as a duration
/// ("7.00:00:00"), the office hours that end a working day ("09:00-18:00", China Standard Time) and the sweep's schedule.
/// </summary>
public sealed class EscalationOptions : IValidatableObject
{
    public const string SectionName = "Escalation";

    private static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public Window PlatformResponseWindow { get; set; } = CaseWindows.Default.PlatformResponse;

    public Window ReminderWindow { get; set; } = CaseWindows.Default.Reminder;

    public Window LegalReviewWindow { get; set; } = CaseWindows.Default.LegalReview;

    public Window MerchantInfoWindow { get; set; } = CaseWindows.Default.MerchantInfo;

    public Window AutoResolveWindow { get; set; } = CaseWindows.Default.AutoResolve;

    /// <summary>From the final notice to the public listing: the platform's last chance to answer.</summary>
    public Window FinalNoticeWindow { get; set; } = CaseWindows.Default.FinalNotice;

    /// <summary>China Standard Time; a working-day deadline ends at the close, the sweep's notices wait for the opening.</summary>
    [Required]
    public OfficeHours OfficeHours { get; set; } = OfficeHours.Default;

    /// <summary>Cron of the deadline sweep; every minute by default. Six fields allow seconds.</summary>
    [Required]
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>The windows on a calendar (the shipped data with the admins' corrections).</summary>
    public CaseWindows WindowsOn(WorkingCalendar calendar) =>
        new(PlatformResponseWindow, ReminderWindow, LegalReviewWindow, MerchantInfoWindow, AutoResolveWindow)
        {
            FinalNotice = FinalNoticeWindow,
            Clock = new DeadlineClock(calendar, OfficeHours),
        };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, Window Value)[] windows =
        [
            (nameof(PlatformResponseWindow), PlatformResponseWindow), (nameof(ReminderWindow), ReminderWindow),
            (nameof(LegalReviewWindow), LegalReviewWindow), (nameof(MerchantInfoWindow), MerchantInfoWindow),
            (nameof(AutoResolveWindow), AutoResolveWindow), (nameof(FinalNoticeWindow), FinalNoticeWindow),
        ];
        foreach (var (name, value) in windows)
        {
            var valid = value.InWorkingDays || (value.Duration > TimeSpan.Zero && value.Duration <= Longest);
            if (!valid)
            {
                yield return new ValidationResult($"{name} must be 1–{Window.MaxWorkingDays} working days (\"7wd\") or a duration of 00:00:01 to 365.00:00:00.", [name]);
            }
        }
    }
}
