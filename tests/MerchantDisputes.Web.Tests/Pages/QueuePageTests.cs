using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

public sealed class QueuePageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task The_mediation_queue_filters_by_platform_status_and_type_and_shows_each_deadline()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var on1688 = await PageCast.SubmittedCaseAsync(app, merchant, "1688");
        var onPipiwang = await PageCast.SubmittedCaseAsync(app, merchant, "pipiwang");
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        await PageCast.ActOkAsync(mediator, on1688, "Claim");
        await PageCast.ActOkAsync(mediator, on1688, "Forward");

        var all = await mediator.GetStringAsync("/Disputes");
        var pipiwang = await mediator.GetStringAsync("/Disputes?platform=pipiwang");
        var awaiting = await mediator.GetStringAsync("/Disputes?status=AwaitingPlatform&type=RefundOnly");
        var frozen = await mediator.GetStringAsync("/Disputes?type=FrozenFunds");

        Assert.Contains("调解队列", all, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{on1688}", all, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{onPipiwang}", all, StringComparison.Ordinal);
        Assert.True(all.IndexOf(on1688, StringComparison.Ordinal) < all.IndexOf(onPipiwang, StringComparison.Ordinal), "the case with a deadline comes first");
        Assert.Contains("平台须在 ", all, StringComparison.Ordinal);
        Assert.Contains("<option value=\"pipiwang\" selected=\"selected\">", pipiwang, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Disputes/{on1688}", pipiwang, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{onPipiwang}", pipiwang, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{on1688}", awaiting, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Disputes/{onPipiwang}", awaiting, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Disputes/{on1688}", frozen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_agents_inbox_holds_only_their_platforms_forwarded_cases()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var on1688 = await PageCast.SubmittedCaseAsync(app, merchant, "1688");
        var onAliExpress = await PageCast.SubmittedCaseAsync(app, merchant, "aliexpress");
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        foreach (var id in new[] { on1688, onAliExpress })
        {
            await PageCast.ActOkAsync(mediator, id, "Claim");
            await PageCast.ActOkAsync(mediator, id, "Forward");
        }

        var inbox = await (await PageCast.StaffAsync(app, Roles.PlatformAgent, "1688")).GetStringAsync("/Disputes");

        Assert.Contains("平台收件箱", inbox, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{on1688}", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Disputes/{onAliExpress}", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"platform\"", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_page_lists_a_case_submitted_a_moment_ago_though_its_total_may_be_seconds_old()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        var before = await mediator.GetStringAsync("/Disputes?type=RefundOnly&platform=jd");

        var id = await PageCast.SubmittedCaseAsync(app, merchant, "jd");
        var after = await mediator.GetStringAsync("/Disputes?type=RefundOnly&platform=jd");

        Assert.DoesNotContain($"/Disputes/{id}", before, StringComparison.Ordinal);
        Assert.Contains($"/Disputes/{id}", after, StringComparison.Ordinal);
    }
}
