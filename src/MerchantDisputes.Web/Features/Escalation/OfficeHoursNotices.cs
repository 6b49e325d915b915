using MerchantDisputes.Domain.Escalation;

namespace MerchantDisputes.Web.Features.Escalation;

/// <summary>
/// The sweep's notifications and e-mails go out in office hours: a step taken at 18:00 on the eve of a holiday is
/// told at the next working day's opening. The step itself happens at its deadline; only the telling waits.
/// </summary>
public static class OfficeHoursNotices
{
    /// <summary>When the notices of a step the sweep takes at <paramref name="now"/> are posted.</summary>
    public static DateTimeOffset PostAt(CaseWindows windows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return windows.Clock.NextOpen(now);
    }
}
