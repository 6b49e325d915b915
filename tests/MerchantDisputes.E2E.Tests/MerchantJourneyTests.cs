using System.Text.RegularExpressions;
using MerchantDisputes.Infrastructure.Tests.Evidence;
using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

[Collection(Browsers.Name)]
public sealed partial class MerchantJourneyTests(AppFixture app)
{
    [Fact]
    public async Task A_merchant_files_a_refund_only_case_with_two_screenshots_and_submits_it()
    {
        await using var merchant = await app.NewSessionAsync();
        await merchant.SignInAsync("merchant@demo.local");

        var url = await FileRefundOnlyDraftAsync(merchant);
        await merchant.ShootAsync("01-draft");
        await UploadTwoScreenshotsAsync(merchant.Page);
        await merchant.ShootAsync("02-evidence");
        await SubmitAsync(merchant);

        await Assertions.Expect(merchant.Page.Locator(".badge.Submitted")).ToBeVisibleAsync();
        await Assertions.Expect(merchant.Page.Locator(".evidence-item")).ToHaveCountAsync(2);
        await Assertions.Expect(merchant.Page.GetByText("上传截图", new() { Exact = false })).Not.ToBeVisibleAsync();
        await merchant.ShootAsync("03-submitted");
        merchant.AssertNoConsoleErrors();
        Assert.Matches(CasePath(), url);
    }

    [Fact]
    public async Task A_merchant_cannot_open_another_merchants_case_by_editing_the_address()
    {
        await using var owner = await app.NewSessionAsync();
        await owner.SignInAsync("merchant@demo.local");
        var url = await FileRefundOnlyDraftAsync(owner);

        await using var other = await app.NewSessionAsync();
        await RegisterAsync(other, $"other-{Guid.NewGuid():N}@shop.test");
        var response = await other.Page.GotoAsync(url);

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(other.Page.GetByText("包裹退回未签收")).Not.ToBeVisibleAsync();
        await other.ShootAsync("04-not-found");
    }

    [Fact]
    public async Task A_refund_only_case_goes_from_filing_to_the_platforms_reversal_to_a_five_star_rating_and_the_public_feed()
    {
        var title = $"仅退款判罚申诉 {Guid.NewGuid().ToString("N")[..8]}";
        await using var merchant = await app.NewSessionAsync();
        await merchant.SignInAsync("merchant@demo.local");
        var url = await FileRefundOnlyDraftAsync(merchant, title, titleIsPublic: true);
        await UploadTwoScreenshotsAsync(merchant.Page);
        await SubmitAsync(merchant);
        await Assertions.Expect(merchant.Page.Locator(".badge.Submitted")).ToBeVisibleAsync();
        await merchant.ShootAsync("20-story-submitted");

        await using var mediator = await app.NewSessionAsync();
        await mediator.SignInAsync("mediator@demo.local");
        await mediator.Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await mediator.Page.WaitForURLAsync(url);
        await mediator.CheckLayoutAsync("21-story-mediator-case");
        await LookAtTheFirstScreenshotAsync(mediator, url);
        await ActAsync(mediator, "Claim", ".badge.UnderReview");

        // The title the merchant made public reaches the feed only once a mediator approved it.
        await ActAsync(mediator, "ApproveTitle", ".badge.UnderReview");
        await mediator.Page.Locator("#message-body").FillAsync("商家此前有两次同类申诉，留意物流单号");
        await mediator.Page.Locator("label[for=message-internal]").ClickAsync();
        await ActAsync(mediator, "Message", "ol.timeline li.internal");
        await mediator.Page.Locator("#forward-note").FillAsync("请核实物流退回记录");
        await ActAsync(mediator, "Forward", ".badge.AwaitingPlatform");
        await mediator.ShootAsync("21-story-forwarded");

        await using var agent = await app.NewSessionAsync();
        await agent.SignInAsync("agent-1688@demo.local");
        await agent.Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await agent.Page.WaitForURLAsync(url);
        await agent.CheckLayoutAsync("22-story-agent-case");
        await agent.Page.Locator("label[for=outcome-Reversed]").ClickAsync();
        await agent.Page.Locator("#respond-message").FillAsync("经核实包裹已退回，撤销仅退款判定，货款已退还。");
        await ActAsync(agent, "Respond", ".badge.PlatformResponded");
        await agent.ShootAsync("22-story-answered");

        await merchant.Page.GotoAsync(url);
        await Assertions.Expect(merchant.Page.Locator("p.prose", new() { HasText = "经核实包裹已退回，撤销仅退款判定，货款已退还。" })).ToBeVisibleAsync();
        // The mediator's internal note is listed for the merchant only as an entry that exists, without its words.
        await Assertions.Expect(merchant.Page.Locator("ol.timeline li.withheld")).ToContainTextAsync("内部记录（内容不公开）");
        await Assertions.Expect(merchant.Page.Locator("ol.timeline")).Not.ToContainTextAsync("留意物流单号");
        await merchant.ShootAsync("23-story-merchant-answered");
        await ActAsync(merchant, "Accept", ".badge.Resolved");
        await merchant.Page.Locator("label[for=score-5]").ClickAsync();
        await merchant.Page.Locator("#rate-comment").FillAsync("处理及时");
        await ActAsync(merchant, "Rate", ".badge.Resolved");
        await Assertions.Expect(merchant.Page.GetByText("感谢您的评价。")).ToBeVisibleAsync();
        await Assertions.Expect(merchant.Page.GetByText("5 / 5 分").First).ToBeVisibleAsync();
        await Assertions.Expect(merchant.Page.Locator("#action-Rate")).ToHaveCountAsync(0);
        await merchant.ShootAsync("23-story-rated");

        await using var visitor = await app.NewSessionAsync();
        await visitor.Page.GotoAsync("/Public");
        var listed = visitor.Page.Locator(".feed li", new() { HasText = title });
        await Assertions.Expect(listed).ToHaveCountAsync(1);
        await Assertions.Expect(listed.Locator(".badge.Resolved")).ToHaveTextAsync("已解决");
        await Assertions.Expect(listed).ToContainTextAsync("1688");
        await visitor.ShootAsync("24-story-public-feed");

        foreach (var session in new[] { merchant, mediator, agent, visitor })
        {
            session.AssertNoConsoleErrors();
        }
    }

    /// <summary>Opens the first screenshot in the viewer, zooms to actual pixels with a click and back, returns to the case.</summary>
    private static async Task LookAtTheFirstScreenshotAsync(Session session, string caseUrl)
    {
        await session.Page.Locator(".evidence-item a.thumb").First.ClickAsync();
        await Assertions.Expect(session.Page.Locator(".viewer.fit img")).ToBeVisibleAsync();
        await session.ShootAsync("25-story-viewer-fit");
        await session.Page.Locator(".viewer img").ClickAsync();
        await Assertions.Expect(session.Page.Locator(".viewer.actual")).ToBeVisibleAsync();
        Assert.EndsWith("zoom=true", session.Page.Url, StringComparison.Ordinal);
        await session.CheckLayoutAsync("25-story-viewer-actual");
        await session.Page.Locator(".viewer img").ClickAsync();
        await Assertions.Expect(session.Page.Locator(".viewer.fit")).ToBeVisibleAsync();
        await session.Page.GotoAsync(caseUrl);
    }

    /// <summary>The actions that cannot be undone: their form first shows what happens next, and asks.</summary>
    private static readonly string[] Confirmed = ["Forward", "Reject", "Accept", "Withdraw", "Delete"];

    /// <summary>
    /// Submits the case page's form for one action (through its confirmation step when it has one) and waits for the
    /// page that answers it.
    /// </summary>
    internal static async Task ActAsync(Session session, string action, string expectedBadge)
    {
        await session.Page.Locator($"#action-{action} button[type=submit]").ClickAsync();
        if (Confirmed.Contains(action))
        {
            await ConfirmAsync(session, "confirm-" + action);
        }

        await Assertions.Expect(session.Page.Locator(expectedBadge).First).ToBeVisibleAsync();
        await session.CheckLayoutAsync("after-" + action);
    }

    /// <summary>Submits the draft from its evidence panel, through the confirmation that says what happens next.</summary>
    internal static async Task SubmitAsync(Session session)
    {
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "提交申诉" }).ClickAsync();
        await Assertions.Expect(session.Page.Locator("#confirm-heading")).ToHaveTextAsync("确认提交申诉？");
        await ConfirmAsync(session, "confirm-submit");
    }

    private static async Task ConfirmAsync(Session session, string name)
    {
        await Assertions.Expect(session.Page.Locator("#confirm .confirm-next li").First).ToBeVisibleAsync();
        await session.CheckLayoutOnceAsync(name);
        await session.ShootAsync(name);
        await session.Page.Locator("#confirm-form button[type=submit]").ClickAsync();
    }

    internal static async Task<string> FileRefundOnlyDraftAsync(Session session, string title = "包裹退回未签收仍被判仅退款", bool titleIsPublic = false)
    {
        var page = session.Page;
        await page.GotoAsync("/Disputes/New");
        await session.CheckLayoutOnceAsync("new-type");
        await page.Locator("label.choice", new() { HasText = "仅退款" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await session.CheckLayoutOnceAsync("new-details");
        await page.Locator("#platform").SelectOptionAsync("1688");
        await page.Locator("#title").FillAsync(title);
        if (titleIsPublic)
        {
            await page.Locator("input[name='Form.TitleIsPublic']").CheckAsync();
        }

        await page.Locator("#amount").FillAsync("1340.70");
        await page.Locator("#narrative").FillAsync("买家拒收，包裹已退回未签收，平台仍判仅退款并扣除货款。");
        await page.Locator("#desiredOutcome").FillAsync("撤销仅退款判罚，退还货款。");
        await page.Locator("#orderNumber").FillAsync("240312-558812");
        await page.Locator("#logisticsStatus").SelectOptionAsync("ReturnedUndelivered");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.WaitForURLAsync(CasePath());
        await Assertions.Expect(page.GetByText("¥1,340.70").First).ToBeVisibleAsync();
        return page.Url;
    }

    internal static async Task UploadTwoScreenshotsAsync(IPage page)
    {
        var folder = Directory.CreateTempSubdirectory("md-shots-").FullName;
        var first = Path.Combine(folder, "退款记录.png");
        var second = Path.Combine(folder, "物流.png");
        await File.WriteAllBytesAsync(first, TestImages.Png(1080, 2400));
        using (var noisy = TestImages.Noise(540, 1200))
        {
            await File.WriteAllBytesAsync(second, TestImages.Encode(noisy, new SixLabors.ImageSharp.Formats.Png.PngEncoder()));
        }

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("#evidence-files").ClickAsync());
        await chooser.SetFilesAsync([first, second]);
        await page.Locator("#evidence-caption-0").FillAsync("平台判定截图");
        await page.Locator("#evidence-caption-1").FillAsync("物流截图");
        await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".evidence-item")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_merchant_uploads_a_pdf_statement_and_sees_its_pages_as_images()
    {
        await using var merchant = await app.NewSessionAsync();
        await merchant.SignInAsync("merchant@demo.local");
        await FileRefundOnlyDraftAsync(merchant);
        var folder = Directory.CreateTempSubdirectory("md-pdf-").FullName;
        var statement = Path.Combine(folder, "对账单.pdf");
        await File.WriteAllBytesAsync(statement, TestPdf.Statement(pages: 2));
        var page = merchant.Page;

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("#evidence-files").ClickAsync());
        await chooser.SetFilesAsync([statement]);
        await page.Locator("#evidence-caption-0").FillAsync("支付宝对账单");
        await merchant.ShootAsync("50-pdf-chosen");
        await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".evidence-item")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("支付宝对账单（第 1 页）")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("支付宝对账单（第 2 页）")).ToBeVisibleAsync();
        var thumbnails = page.Locator(".evidence-item img");
        for (var i = 0; i < 2; i++)
        {
            await Assertions.Expect(thumbnails.Nth(i)).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await thumbnails.Nth(i).EvaluateAsync<int>("img => img.naturalWidth") > 0);
        }

        await page.Locator(".hash-details summary").First.ClickAsync();
        await Assertions.Expect(page.Locator(".hash-details .hash").First).ToBeVisibleAsync();
        await merchant.ShootAsync("51-pdf-pages");
        merchant.AssertNoConsoleErrors();
    }

    private static async Task RegisterAsync(Session session, string email)
    {
        var page = session.Page;
        await page.GotoAsync("/Account/Register");
        await session.CheckLayoutOnceAsync("register");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("Correct-Horse-9");
        await page.Locator("#displayName").FillAsync("王芳");
        await page.Locator("#storeName").FillAsync("芳芳小店");
        await page.Locator("#province").SelectOptionAsync("CN-ZJ");
        await page.Locator("#main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Disputes");
    }

    [GeneratedRegex(@"/Disputes/[0-9a-f-]{36}$")]
    private static partial Regex CasePath();
}
