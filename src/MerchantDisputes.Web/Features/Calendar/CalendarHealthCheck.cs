using MerchantDisputes.Domain.Time;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MerchantDisputes.Web.Features.Calendar;

/// <summary>
/// Degraded when the working-day calendar lacks this year, or from 1 December the next one: deadlines would then be
/// counted as if that year had no holidays, which an admin must fix by entering the State Council's notice.
/// </summary>
internal sealed class CalendarHealthCheck(WorkingCalendarSource source, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = source.Current.MissingYear(ChinaTime.Today(clock.GetUtcNow()));
        return Task.FromResult(missing is { } year
            ? HealthCheckResult.Degraded($"The working-day calendar has no data for {year}; add the year's holidays in /Admin/Calendar.")
            : HealthCheckResult.Healthy());
    }
}
