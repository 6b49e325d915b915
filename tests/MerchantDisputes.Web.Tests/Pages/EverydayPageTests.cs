using System.Text.RegularExpressions;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>Issue 21's small things, seen on the pages as the people who use them every day read them.</summary>
public sealed partial class EverydayPageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_report_year_without_cases_says_so_instead_of_printing_rows_of_zero_percent()
    {
        var anonymous = app.CreateClient();

        var report = PageCast.MainOf(await anonymous.GetStringAsync("/reports/2001"));
        var platform = PageCast.MainOf(await anonymous.GetStringAsync("/Platforms/1688?year=2001"));

        Assert.Contains("2001 年没有提交的案件，暂无统计。", report, StringComparison.Ordinal);
        Assert.Contains("2001 年没有涉及1688的案件，暂无统计。", platform, StringComparison.Ordinal);
        foreach (var page in new[] { report, platform })
        {
            Assert.DoesNotContain("0.00%", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<svg class=\"chart\"", page, StringComparison.Ordinal);
            Assert.Contains("id=\"method\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_platform_agent_reads_an_internal_note_as_withheld_in_the_same_numbering_as_staff()
    {
        var (_, id, mediator, agent) = await PageCast.ForwardedCaseAsync(app);
        await PageCast.ActOkAsync(mediator, id, "Message", new() { ["body"] = "内部备注：平台此前有类似判罚", ["internal"] = "true" });
        await PageCast.ActOkAsync(mediator, id, "Message", new() { ["body"] = "请平台在期限内答复" });

        var toAgent = await agent.GetStringAsync($"/Disputes/{id}");
        var toMediator = await mediator.GetStringAsync($"/Disputes/{id}");

        var agentNumbers = Numbers(toAgent);
        var mediatorNumbers = Numbers(toMediator);
        Assert.DoesNotContain("内部备注", toAgent, StringComparison.Ordinal);
        Assert.Contains("内部记录（内容不公开）", toAgent, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, agentNumbers.Count), agentNumbers);
        Assert.Equal(mediatorNumbers, agentNumbers);
    }

    [Fact]
    public async Task Each_answer_the_platform_may_give_is_explained_in_other_words_than_its_name()
    {
        var (_, id, _, agent) = await PageCast.ForwardedCaseAsync(app);

        var page = await agent.GetStringAsync($"/Disputes/{id}");

        var options = Outcome().Matches(page).Select(m => (Name: m.Groups["name"].Value, Hint: m.Groups["hint"].Value)).ToList();
        Assert.Equal(3, options.Count);
        Assert.Contains(options, o => o.Name == "维持原判定");
        Assert.All(options, o => Assert.NotEqual(o.Name, o.Hint.TrimEnd('。', '.')));
    }

    private static List<int> Numbers(string casePage) =>
        HashLine().Matches(casePage).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<div class=\"hash\" title=\"SHA-256\">#(\\d+) ")]
    private static partial Regex HashLine();

    [GeneratedRegex("for=\"outcome-\\w+\">\\s*<input[^>]*>\\s*<span>(?<name>[^<]+)<span class=\"hint\">(?<hint>[^<]+)</span>")]
    private static partial Regex Outcome();
}
