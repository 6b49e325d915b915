using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// The first step of /Disputes/New: three cards, one per kind of dispute. Their cards once covered their own headings,
/// so a merchant could neither read nor click them where the words are; the stories clicked the card elsewhere.
/// </summary>
[Collection(Browsers.Name)]
public sealed class NewDisputeChooserTests(AppFixture app)
{
    public static TheoryData<int, int> Viewports { get; } = new() { { 390, 844 }, { 1280, 900 } };

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Each_card_chosen_by_a_click_on_its_heading_opens_the_form_of_that_type(int width, int height)
    {
        await using var merchant = await app.NewSessionAsync(width, height);
        await merchant.SignInAsync("merchant@demo.local");

        foreach (var (type, heading, ownField) in new[]
                 {
                     ("RefundOnly", "仅退款", "#orderNumber"),
                     ("FrozenFunds", "资金冻结", "#frozenAmount"),
                     ("ForcedFee", "强制收费", "#programmeName"),
                 })
        {
            await merchant.Page.GotoAsync("/Disputes/New");
            // A short limit: a covered heading makes Playwright wait for it to take the click, which never comes.
            await merchant.Page.GetByText(heading, new() { Exact = true }).ClickAsync(new() { Timeout = 5_000 });
            await Assertions.Expect(merchant.Page.Locator($"input[name=type][value={type}]")).ToBeCheckedAsync();
            await merchant.Page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();

            await Assertions.Expect(merchant.Page.Locator("p.lead")).ToContainTextAsync($"类型：{heading}。");
            await Assertions.Expect(merchant.Page.Locator(ownField)).ToBeVisibleAsync();
        }

        merchant.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_chooser_and_the_form_keep_their_headings_and_controls_uncovered_at_both_widths()
    {
        await using var merchant = await app.NewSessionAsync();
        await merchant.SignInAsync("merchant@demo.local");

        await merchant.Page.GotoAsync("/Disputes/New");
        await merchant.ShootAsync("05-new-type");
        await merchant.Page.GotoAsync("/Disputes/New?type=FrozenFunds");
        await merchant.ShootAsync("06-new-frozen-funds");
        merchant.AssertNoConsoleErrors();
    }
}
