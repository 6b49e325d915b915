using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// The lawyer's part in a real browser. A case reaches the lawyers only when the platform leaves it unanswered past
/// two deadlines, so this class starts an app of its own whose windows are seconds long and whose sweep runs every
/// second (<see cref="OwnApp"/>).
/// </summary>
[Collection(Browsers.Name)]
public sealed class LawyerStoryTests(AppFixture app) : IAsyncLifetime
{
    private OwnApp? _fast;

    public async Task InitializeAsync() =>
        _fast = await OwnApp.StartAsync(app, "lawyer", new Dictionary<string, string>
        {
            ["Escalation:PlatformResponseWindow"] = "00:00:02",
            ["Escalation:ReminderWindow"] = "00:00:02",
            ["Escalation:LegalReviewWindow"] = "01:00:00",
            ["Escalation:SweepCron"] = "* * * * * *",
            ["Hangfire:SchedulePollingInterval"] = "00:00:01",
        });

    public async Task DisposeAsync()
    {
        if (_fast is not null)
        {
            await _fast.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_case_the_platform_left_unanswered_reaches_the_lawyer_who_writes_an_opinion_the_merchant_reads()
    {
        await using var merchant = await app.NewSessionAsync(baseUrl: _fast!.BaseUrl);
        await merchant.SignInAsync("merchant@demo.local");
        var url = await MerchantJourneyTests.FileRefundOnlyDraftAsync(merchant, "平台逾期未答复的仅退款申诉");
        await MerchantJourneyTests.UploadTwoScreenshotsAsync(merchant.Page);
        await MerchantJourneyTests.SubmitAsync(merchant);
        await Assertions.Expect(merchant.Page.Locator(".badge.Submitted")).ToBeVisibleAsync();

        await using var mediator = await app.NewSessionAsync(baseUrl: _fast.BaseUrl);
        await mediator.SignInAsync("mediator@demo.local");
        await mediator.Page.GotoAsync(url);
        await MerchantJourneyTests.ActAsync(mediator, "Claim", ".badge.UnderReview");
        await MerchantJourneyTests.ActAsync(mediator, "Forward", ".badge.AwaitingPlatform");

        await using var lawyer = await app.NewSessionAsync(baseUrl: _fast.BaseUrl);
        await lawyer.SignInAsync("lawyer@demo.local");
        // The sweep escalates twice within seconds; the desk is read again until the case is on it, for a minute at most.
        var onDesk = lawyer.Page.Locator($"a[href='{new Uri(url).AbsolutePath}']");
        var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (await onDesk.CountAsync() == 0 && DateTime.UtcNow < giveUp)
        {
            await lawyer.Page.ReloadAsync();
        }

        await Assertions.Expect(onDesk).ToBeVisibleAsync();
        await lawyer.ShootAsync("40-lawyer-desk");
        await lawyer.Page.GotoAsync(url);
        await Assertions.Expect(lawyer.Page.Locator(".badge.escalated")).ToHaveTextAsync("律师介入");
        await lawyer.ShootAsync("41-lawyer-case");
        await lawyer.Page.Locator("#opinion-body").FillAsync("平台逾期未答复，建议商家保留物流凭证并考虑诉讼。");
        await MerchantJourneyTests.ActAsync(lawyer, "Opinion", "li.opinion");
        await lawyer.ShootAsync("42-lawyer-opinion");
        await Assertions.Expect(lawyer.Page.Locator("#opinions-heading")).ToBeVisibleAsync();
        await TakeBundleAsync(lawyer.Page);
        await lawyer.Page.GetByRole(AriaRole.Link, new() { Name = "校验时间线" }).ClickAsync();
        await Assertions.Expect(lawyer.Page.Locator("#chain")).ToContainTextAsync("时间线完整");
        await lawyer.Page.GetByRole(AriaRole.Link, new() { Name = "打印摘要" }).ClickAsync();
        await Assertions.Expect(lawyer.Page.Locator("h1")).ToContainTextAsync("MD-");
        await Assertions.Expect(lawyer.Page.Locator("#s-opinions + .opinion, #s-opinions ~ .opinion")).ToContainTextAsync("建议商家保留物流凭证");
        await lawyer.ShootAsync("45-case-summary");
        await lawyer.Page.GotoAsync(url);

        await merchant.Page.GotoAsync(url);
        await Assertions.Expect(merchant.Page.Locator("li.opinion")).ToContainTextAsync("建议商家保留物流凭证");
        await merchant.ShootAsync("43-merchant-reads-opinion");

        await using var agent = await app.NewSessionAsync(baseUrl: _fast.BaseUrl);
        await agent.SignInAsync("agent-1688@demo.local");
        await agent.Page.GotoAsync(url);
        await Assertions.Expect(agent.Page.Locator("#action-Respond")).ToBeVisibleAsync();
        await Assertions.Expect(agent.Page.Locator("li.opinion")).ToHaveCountAsync(0);
        await agent.ShootAsync("44-agent-escalated-case");

        foreach (var session in new[] { merchant, mediator, lawyer, agent })
        {
            session.AssertNoConsoleErrors();
        }
    }

    /// <summary>Clicks "下载证据包" on the case page and finds the case summary in the ZIP the browser saves.</summary>
    private static async Task TakeBundleAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "下载证据包" }).ClickAsync());
        var saved = await download.PathAsync();
        using var zip = System.IO.Compression.ZipFile.OpenRead(saved);
        var summary = zip.GetEntry("summary.html");
        Assert.NotNull(summary);
        using var reader = new StreamReader(summary.Open());
        var html = await reader.ReadToEndAsync();
        Assert.Contains("建议商家保留物流凭证", html, StringComparison.Ordinal);
        Assert.Contains(download.SuggestedFilename.Replace("-bundle.zip", string.Empty, StringComparison.Ordinal), html, StringComparison.Ordinal);
    }
}
