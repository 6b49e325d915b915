using MerchantDisputes.Infrastructure.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>The app's pickup folder read as a mailbox: the outbox is sent first, as its job would.</summary>
public static class Mailbox
{
    public static async Task<IReadOnlyList<Mail>> ReceiveAsync(DisputesAppFactory app, string to)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        }

        var folder = Path.Combine(app.DataDirectory, "mail-pickup");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Select(f => Mail.Parse(File.ReadAllText(f)))
                .Where(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
    }
}
