using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Web.Features.Notifications;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MerchantDisputes.Web.Features.Escalation;

/// <summary>
/// The escalation ladder in one place: the windows (section "Escalation", <see cref="EscalationOptions"/>), the
/// deadline sweep that moves due cases (<see cref="DeadlineSweep"/>) and what a case page counts down to
/// (<see cref="Deadline"/>). The rule itself, one step per lapse, is the case's own: <c>Dispute.Escalate</c> in the
/// domain, with the windows' defaults in <c>Domain/Escalation/CaseWindows</c>.
/// </summary>
public static class EscalationExtensions
{
    /// <summary>Everything the sweep needs; the app and the sweep benchmark both register it here.</summary>
    public static IServiceCollection AddEscalation(this IServiceCollection services)
    {
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<DisputeMetrics>();
        services.TryAddScoped<CaseNotifier>();
        services.TryAddSingleton<Calendar.WorkingCalendarSource>();
        services.TryAddSingleton<CaseTimers>();
        services.TryAddSingleton<DeadlineWords>();
        services.TryAddScoped<Calendar.CalendarService>();
        services.AddSingleton<DeadlineSweep>();
        return services;
    }
}
