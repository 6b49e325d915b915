using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Infrastructure.Notifications;

public static class EmailExtensions
{
    /// <summary>The outbox dispatcher and the sender chosen by Email:Delivery.</summary>
    public static IServiceCollection AddEmailOutbox(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var delivery = configuration.GetSection(EmailOptions.SectionName).GetValue<EmailDelivery?>(nameof(EmailOptions.Delivery));
        if (delivery == EmailDelivery.Smtp)
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            var pickup = Path.Combine(dataDirectory, "mail-pickup");
            services.AddSingleton<IEmailSender>(sp => new PickupFolderEmailSender(sp.GetRequiredService<IOptions<EmailOptions>>(), pickup));
        }

        services.AddScoped<OutboxDispatcher>();
        return services;
    }
}
