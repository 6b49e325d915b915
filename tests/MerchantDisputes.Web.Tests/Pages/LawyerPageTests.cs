using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>A case the platform left unanswered reaches the lawyers' queue; their opinion stands out on the page.</summary>
public sealed class LawyerPageTests : IDisposable
{
    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_lawyer_finds_an_escalated_case_in_the_queue_and_writes_an_opinion_the_merchant_sees_and_the_platform_does_not()
    {
        var merchant = await PageCast.MerchantAsync(_app);
        var id = await PageCast.SubmittedCaseAsync(_app, merchant);
        var mediator = await PageCast.StaffAsync(_app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, id, "Claim");
        await PageCast.ActOkAsync(mediator, id, "Forward");
        await EscalateToLegalReviewAsync();

        // Ten days on, everyone signs in afresh.
        var lawyer = await PageCast.StaffAsync(_app, Roles.Lawyer);
        var agent = await PageCast.StaffAsync(_app, Roles.PlatformAgent, "1688");
        var merchantBrowser = await Browser.SignedInAsync(_app, merchant.Email, Session.Password);

        var queue = await lawyer.GetStringAsync("/Disputes");
        var opinion = await PageCast.ActOkAsync(lawyer, id, "Opinion", new() { ["body"] = "平台未在期限内答复，建议商家保留物流凭证并考虑诉讼。" });
        var toMerchant = await merchantBrowser.GetStringAsync($"/Disputes/{id}");
        var toAgent = await agent.GetStringAsync($"/Disputes/{id}");

        Assert.Contains("升级案件", queue, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{id}", queue, StringComparison.Ordinal);
        Assert.Contains("法律审查", queue, StringComparison.Ordinal);
        Assert.Contains("律师意见已发表。", opinion, StringComparison.Ordinal);
        Assert.Contains("<li class=\"opinion\">", toMerchant, StringComparison.Ordinal);
        Assert.Contains("建议商家保留物流凭证", toMerchant, StringComparison.Ordinal);
        Assert.DoesNotContain("建议商家保留物流凭证", toAgent, StringComparison.Ordinal);
        Assert.Contains("handler=Respond", toAgent, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Opinion", toAgent, StringComparison.Ordinal);
    }

    private async Task EscalateToLegalReviewAsync()
    {
        var windows = CaseWindows.Default;
        foreach (var step in new[] { windows.PlatformResponse, windows.Reminder })
        {
            _app.Clock.AdvanceTo(step);
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);
        }
    }
}
