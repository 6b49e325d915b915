using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace MerchantDisputes.E2E.Tests;

/// <summary>
/// Issue 23 in a real browser: a case forwarded on 29 September 2026 with a 7-working-day window is due on
/// 14 October 2026 at 18:00, after the National Day holiday and counting the worked Saturday 10 October. The app runs
/// on real time, so the case's timer is moved back to 29 September in its database and the admin's confirmation of the
/// 调休 Saturday on the calendar page has the app count the deadline again. The sweep never runs in this app.
/// </summary>
[Collection(Browsers.Name)]
public sealed class WorkingDayDeadlineBrowserTests(AppFixture app) : IAsyncLifetime
{
    private OwnApp? _own;

    public async Task InitializeAsync() =>
        _own = await OwnApp.StartAsync(app, "workdays", new Dictionary<string, string>
        {
            ["Escalation:SweepCron"] = "0 0 31 2 *",
        });

    public async Task DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_case_forwarded_on_29_September_2026_shows_7_working_days_ending_14_October_18_00()
    {
        var id = await ApiCases.SubmittedAsync(_own!.BaseUrl);
        var url = $"{_own.BaseUrl}/Disputes/{id}";
        await using var mediator = await app.NewSessionAsync(baseUrl: _own.BaseUrl);
        await mediator.SignInAsync("mediator@demo.local");
        await mediator.Page.GotoAsync(url);
        await MerchantJourneyTests.ActAsync(mediator, "Claim", ".badge.UnderReview");
        await MerchantJourneyTests.ActAsync(mediator, "Forward", ".badge.AwaitingPlatform");
        await Assertions.Expect(mediator.Page.Locator("p.deadline")).ToContainTextAsync("7 个工作日（");
        await StartTimerOnAsync(id, new DateTimeOffset(2026, 9, 29, 15, 0, 0, TimeSpan.FromHours(8)));

        await using var admin = await app.NewSessionAsync(baseUrl: _own.BaseUrl);
        await admin.SignInAsync("admin@demo.local");
        await admin.Page.GotoAsync($"{_own.BaseUrl}/Admin/Calendar?year=2026");
        await admin.Page.Locator("#date").FillAsync("2026-10-10");
        await admin.Page.Locator("label[for=work]").ClickAsync();
        await admin.Page.Locator("#name").FillAsync("国庆节");
        await admin.Page.Locator("#reason").FillAsync("确认国庆调休：10月10日（星期六）上班");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(admin.Page.Locator(".alert.success")).ToContainTextAsync("1 个案件");
        await admin.ShootAsync("70-admin-calendar");

        await mediator.Page.ReloadAsync();
        await Assertions.Expect(mediator.Page.Locator("p.deadline")).ToContainTextAsync("7 个工作日（2026年10月14日 18:00 前）");
        await Assertions.Expect(mediator.Page.Locator("ol.timeline")).ToContainTextAsync("期限已调整");
        await mediator.ShootAsync("71-working-day-deadline");
    }

    /// <summary>Moves the running timer's start back, as if the case had been forwarded then.</summary>
    private async Task StartTimerOnAsync(string id, DateTimeOffset forwardedAt)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_own!.DataFolder, "merchantdisputes.db") };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Disputes SET ForwardedAt = $at, DeadlineFrom = $at WHERE lower(Id) = lower($id)";
        command.Parameters.AddWithValue("$at", forwardedAt.UtcTicks);
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
