using System.Net;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Features.Notifications;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Escalation;

/// <summary>The deadline sweep on the China working-day calendar, against a clock the test moves across holidays.</summary>
public sealed class WorkingDaySweepTests : IDisposable
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly CaseWindows Windows = CaseWindows.Default;

    /// <summary>Tuesday 29 September 2026, 15:00 CST: the National Day holiday (1–7 October) lies ahead.</summary>
    private static readonly DateTimeOffset BeforeNationalDay = new(2026, 9, 29, 15, 0, 0, Cst);

    /// <summary>The seventh working day after it, at the close of office hours (Saturday 10 October is worked).</summary>
    private static readonly DateTimeOffset SeventhWorkingDay = new(2026, 10, 14, 18, 0, 0, Cst);

    private readonly DisputesAppFactory _app = new();
    private readonly CaseSeeder _seed;

    public WorkingDaySweepTests() => _seed = new CaseSeeder(_app);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task No_step_fires_on_a_holiday_and_each_fires_at_the_close_of_office_hours_of_its_working_day()
    {
        _app.Clock.SetUtcNow(BeforeNationalDay);
        var id = await _seed.AwaitingPlatformAsync(await _seed.MerchantAsync(), Windows);

        for (var at = BeforeNationalDay; at < SeventhWorkingDay; at += TimeSpan.FromHours(6))
        {
            _app.Clock.SetUtcNow(at);
            Assert.Equal(0, (await SweepAsync()).Escalated);
        }

        _app.Clock.SetUtcNow(SeventhWorkingDay - Tick);
        Assert.Equal(0, (await SweepAsync()).Escalated);
        _app.Clock.SetUtcNow(SeventhWorkingDay);
        Assert.Equal(1, (await SweepAsync()).Escalated);

        var reminded = await ReadAsync(id);
        Assert.Equal(EscalationLevel.Reminded, reminded.EscalationLevel);
        // Three working days after 14 October: 15, 16 and Monday 19 October, at 18:00.
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 18, 0, 0, Cst), reminded.RespondBy);
        Assert.Equal(reminded.RespondBy, reminded.DeadlineAt);
        Assert.Equal("3wd", reminded.DeadlineWindow);
    }

    [Fact]
    public async Task The_reminders_notices_and_emails_wait_for_the_next_office_hours()
    {
        _app.Clock.SetUtcNow(BeforeNationalDay);
        var merchant = await _seed.MerchantAsync();
        var id = await _seed.AwaitingPlatformAsync(merchant, Windows);

        _app.Clock.SetUtcNow(SeventhWorkingDay);
        await SweepAsync();

        var opening = new DateTimeOffset(2026, 10, 15, 9, 0, 0, Cst);
        var notice = await _app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.DisputeId == id && n.UserId == merchant && n.Kind == "Escalate"));
        Assert.Equal(opening, notice.CreatedAt);
        Assert.Equal(0, await _app.WithDbAsync(db => NotificationsApi.UnreadCountAsync(db, merchant, SeventhWorkingDay, CancellationToken.None)));
        Assert.Equal(1, await _app.WithDbAsync(db => NotificationsApi.UnreadCountAsync(db, merchant, opening, CancellationToken.None)));
        var mails = await _app.WithDbAsync(db => db.OutboxEmails.AsNoTracking().Where(e => e.Subject.Contains("升级")).ToListAsync());
        Assert.NotEmpty(mails);
        Assert.All(mails, m => Assert.Equal(opening, m.CreatedAt));
        Assert.Equal(EscalationLevel.Reminded, (await ReadAsync(id)).EscalationLevel);
    }

    [Fact]
    public async Task An_admin_adding_a_holiday_moves_an_open_cases_deadline_and_writes_why_on_its_timeline()
    {
        // Monday 2 March 2026, 09:00 CST: seven working days end on Wednesday 11 March at 18:00.
        var id = await _seed.AwaitingPlatformAsync(await _seed.MerchantAsync(), Windows);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 18, 0, 0, Cst), (await ReadAsync(id)).DeadlineAt);
        var admin = await Staff.SignInAsync(_app, Roles.Admin);

        var response = await admin.PutAsync("/api/v1/admin/calendar/days/2026-03-05", new { isOffDay = true, name = "临时假日", reason = "国务院补充通知" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await ApiClient.ReadAsync(response)).GetProperty("movedDeadlines").GetInt32());
        var moved = await ReadAsync(id);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 18, 0, 0, Cst), moved.DeadlineAt);
        Assert.Equal(moved.DeadlineAt, moved.RespondBy);
        var entry = await _app.WithDbAsync(db => db.TimelineEntries.AsNoTracking().SingleAsync(e => e.DisputeId == id && e.Kind == "DeadlineMoved"));
        Assert.Contains("国务院补充通知", entry.Data()["reason"], StringComparison.Ordinal);
        Assert.Contains("2026-03-05", entry.Data()["reason"], StringComparison.Ordinal);
        var changes = await ApiClient.ReadAsync(await admin.GetAsync("/api/v1/admin/calendar/changes"));
        Assert.Contains(changes.EnumerateArray(), c => c.GetProperty("date").GetString() == "2026-03-05" && c.GetProperty("reason").GetString() == "国务院补充通知");

        // The sweep counts on the new calendar too: nothing on the old deadline.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 11, 18, 0, 0, Cst));
        Assert.Equal(0, (await SweepAsync()).Escalated);
    }

    [Fact]
    public async Task A_calendar_change_is_refused_without_its_reason_field_by_field()
    {
        var admin = await Staff.SignInAsync(_app, Roles.Admin);

        var response = await admin.PutAsync("/api/v1/admin/calendar/days/2026-03-05", new { name = "临时假日" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.ReadAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("reason", out _) && errors.TryGetProperty("isOffDay", out _), errors.ToString());
    }

    [Fact]
    public async Task The_final_notice_names_the_listing_date_and_precedes_the_public_listing()
    {
        var id = await _seed.AwaitingPlatformAsync(await _seed.MerchantAsync(), Windows);
        var listing = await ClimbToFinalNoticeAsync(id);

        var noticed = await ReadAsync(id);
        Assert.Equal(EscalationLevel.FinalNotice, noticed.EscalationLevel);
        Assert.NotNull(noticed.FinalNoticeAt);
        var entry = await _app.WithDbAsync(db => db.TimelineEntries.AsNoTracking()
            .Where(e => e.DisputeId == id && e.Kind == "Escalate").OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(["Reminded", "LegalReview", "FinalNotice"], entry.Select(e => e.Data()["level"]));
        Assert.Equal(listing.UtcDateTime, DateTimeOffset.Parse(entry[^1].Data()["listingAt"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);

        _app.Clock.SetUtcNow(listing);
        await SweepAsync();
        var listed = await ReadAsync(id);
        Assert.Equal(EscalationLevel.PublicNoResponse, listed.EscalationLevel);
        Assert.Equal(CaseRating.NotRated, listed.Rating);

        var feed = await ApiClient.ReadAsync(await _app.CreateClient().GetAsync("/api/v1/public/feed"));
        var item = feed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("listedAsUnanswered").GetBoolean());
        var dates = item.GetProperty("listing");
        Assert.Equal("2026-03-02", dates.GetProperty("forwardedOn").GetString());
        Assert.Equal("2026-03-11", dates.GetProperty("remindedOn").GetString());
        Assert.Equal("2026-03-23", dates.GetProperty("finalNoticeOn").GetString()); // 16 March + the 7-day legal review
    }

    [Fact]
    public async Task An_answer_before_the_listing_date_stops_the_listing()
    {
        var id = await _seed.AwaitingPlatformAsync(await _seed.MerchantAsync(), Windows);
        var listing = await ClimbToFinalNoticeAsync(id);

        _app.Clock.SetUtcNow(listing - TimeSpan.FromHours(1));
        await _app.WithDbAsync(async db =>
        {
            var dispute = await db.Disputes.SingleAsync(d => d.Id == id);
            dispute.RespondAsPlatform(new Actor(Guid.NewGuid(), Roles.PlatformAgent, 1), PlatformOutcome.Upheld, "维持原判", Windows, _app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        _app.Clock.SetUtcNow(listing);
        await SweepAsync();

        var answered = await ReadAsync(id);
        Assert.Equal(DisputeStatus.PlatformResponded, answered.Status);
        Assert.Equal(EscalationLevel.FinalNotice, answered.EscalationLevel);
        Assert.NotEqual(CaseRating.NotRated, answered.Rating);
    }

    /// <summary>Runs the sweep at each deadline up to the final notice; returns the listing date it names.</summary>
    private async Task<DateTimeOffset> ClimbToFinalNoticeAsync(Guid id)
    {
        for (var step = 0; step < 3; step++)
        {
            _app.Clock.SetUtcNow((await ReadAsync(id)).DeadlineAt!.Value);
            Assert.Equal(1, (await SweepAsync()).Escalated);
        }

        return (await ReadAsync(id)).RespondBy!.Value;
    }

    private Task<SweepResult> SweepAsync() => _app.Services.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);

    private Task<Dispute> ReadAsync(Guid id) => _app.WithDbAsync(db => db.Disputes.AsNoTracking().SingleAsync(d => d.Id == id));
}
