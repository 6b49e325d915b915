using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>Issue 21's small things, seen on the pages as the people who use them every day read them.</summary>
public sealed class EverydayPageTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
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
}
