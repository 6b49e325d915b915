using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Notifications;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Operations;

public sealed class EmailOutboxTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Queued_mail_is_written_to_the_pickup_folder_once_and_marked_sent()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = await Uploads.SubmittedCaseAsync(merchant, seed: 9901);
        var mediator = await Staff.SignInAsync(app, Roles.Mediator);
        await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { });
        var pending = await app.WithDbAsync(db => db.OutboxEmails.CountAsync(e => e.SentAt == null));
        Assert.True(pending > 0, "nothing was queued");

        var sent = await DispatchAsync();
        var again = await DispatchAsync();

        Assert.Equal(pending, sent);
        Assert.Equal(0, again);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxEmails.CountAsync(e => e.SentAt == null)));
        var files = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail-pickup"), "*.eml");
        Assert.Equal(pending, files.Length);
        Assert.Contains(files, f => File.ReadAllText(f).Contains("@shop.test", StringComparison.Ordinal));
    }

    private async Task<int> DispatchAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
    }
}
