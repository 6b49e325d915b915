using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Web.Features.Calendar;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Escalation;

/// <summary>The configured windows on the current working-day calendar: what every deadline is computed with.</summary>
public sealed class CaseTimers(IOptionsMonitor<EscalationOptions> options, WorkingCalendarSource calendar)
{
    public CaseWindows Windows => options.CurrentValue.WindowsOn(calendar.Current);
}
