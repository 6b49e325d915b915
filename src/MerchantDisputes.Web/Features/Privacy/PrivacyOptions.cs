using System.ComponentModel.DataAnnotations;

namespace MerchantDisputes.Web.Features.Privacy;

/// <summary>Section "Privacy": how long personal data is kept (docs/privacy.md) and when the retention job runs.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// How long after a case ended its evidence files are kept: three years by default, written as 1,096 days so that
    /// a leap day never makes it shorter than three calendar years.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan EvidenceRetention { get; set; } = TimeSpan.FromDays(1096);

    /// <summary>How long a sign-in attempt (time, address, device) is kept.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan SignInHistoryRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long a sent e-mail (address, subject, body) stays in the outbox table after it went out.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan SentMailRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>The retention job's schedule (UTC): daily at 19:00 UTC, 03:00 China Standard Time, when nobody works.</summary>
    [Required]
    public string RetentionCron { get; set; } = "0 19 * * *";
}
