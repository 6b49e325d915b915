using System.Net;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Escalation;

/// <summary>Deadlines as people say them in the API, in both languages, and the calendar's health.</summary>
public sealed class DeadlineTextTests : IDisposable
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_case_forwarded_on_29_September_2026_is_due_in_7_working_days_on_14_October_at_18_00_in_both_languages()
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 29, 15, 0, 0, Cst));
        var merchant = await Session.NewMerchantAsync(_app, $"wd-{Guid.NewGuid():N}@shop.test");
        var id = await Uploads.SubmittedCaseAsync(merchant, ADispute.RefundOnly("1688"), seed: 7301);
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);

        var forwarded = await ApiClient.ReadAsync(await mediator.PostAsync($"/api/v1/disputes/{id}/forward", new { }));
        mediator.UseLanguage("zh-CN");
        var zh = await ApiClient.ReadAsync(await mediator.GetAsync($"/api/v1/disputes/{id}"));
        var zhLeft = await ApiClient.ReadAsync(await mediator.GetAsync($"/api/v1/disputes/{id}/deadline"));
        mediator.UseLanguage("en");
        var en = await ApiClient.ReadAsync(await mediator.GetAsync($"/api/v1/disputes/{id}"));
        var enLeft = await ApiClient.ReadAsync(await mediator.GetAsync($"/api/v1/disputes/{id}/deadline"));

        Assert.Equal(new DateTimeOffset(2026, 10, 14, 18, 0, 0, Cst), forwarded.GetProperty("respondBy").GetDateTimeOffset());
        Assert.Equal("7wd", zh.GetProperty("deadlineWindow").GetString());
        Assert.Equal("7 个工作日（2026年10月14日 18:00 前）", zh.GetProperty("deadlineText").GetString());
        Assert.Equal("7 working days (by 14 Oct 2026, 18:00)", en.GetProperty("deadlineText").GetString());
        Assert.Equal(7, zhLeft.GetProperty("workingDaysLeft").GetInt32());
        Assert.Equal("剩余 7 个工作日 3 小时", zhLeft.GetProperty("left").GetString());
        Assert.Equal("7 working days 3 h left", enLeft.GetProperty("left").GetString());
    }

    [Fact]
    public async Task Ready_is_degraded_from_1_December_while_next_years_holidays_are_missing()
    {
        var client = _app.CreateClient();
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 12, 0, 0, Cst));
        var november = await ApiClient.ReadAsync(await client.GetAsync("/health/ready"));

        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 12, 0, 0, Cst));
        var december = await client.GetAsync("/health/ready");
        var body = await ApiClient.ReadAsync(december);

        Assert.Equal("Healthy", november.GetProperty("checks").GetProperty("working-day-calendar").GetString());
        Assert.Equal(HttpStatusCode.OK, december.StatusCode);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Equal("Degraded", body.GetProperty("checks").GetProperty("working-day-calendar").GetString());
    }

    [Fact]
    public async Task The_admin_page_warns_of_a_missing_year_until_an_admin_enters_it()
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 12, 0, 0, Cst));
        var admin = await Pages.PageCast.StaffAsync(_app, Roles.Admin);

        var before = await admin.GetStringAsync("/Admin/Calendar?year=2027");
        var saved = await Browser.PostFormAsync(admin, "/Admin/Calendar?year=2027", new()
        {
            ["Input.Date"] = "2027-01-01", ["Input.IsOffDay"] = "true", ["Input.Name"] = "元旦", ["Input.Reason"] = "国务院 2027 年放假安排",
        });
        var after = await admin.GetStringAsync("/Admin/Calendar?year=2027");

        Assert.Contains("2027 年尚无放假安排数据", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain("2027 年尚无放假安排数据", after, StringComparison.Ordinal);
        Assert.Contains("国务院 2027 年放假安排", after, StringComparison.Ordinal);
        Assert.Contains("元旦", after, StringComparison.Ordinal);
    }
}
