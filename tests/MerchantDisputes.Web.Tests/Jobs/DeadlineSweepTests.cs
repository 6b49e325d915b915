using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Features.Jobs;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Jobs;

/// <summary>The sweep, called directly, against a clock the test moves.</summary>
public sealed class DeadlineSweepTests : IDisposable
{
    private static readonly CaseWindows Windows = CaseWindows.Default;
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly DisputesAppFactory _app = new();
    private readonly CaseSeeder _seed;

    public DeadlineSweepTests() => _seed = new CaseSeeder(_app);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Each_escalation_step_fires_at_its_deadline_and_not_a_tick_before()
    {
        var id = await _seed.AwaitingPlatformAsync(await _seed.MerchantAsync(), Windows);
        var start = _app.Clock.GetUtcNow();
        var answer = Windows.Due(Windows.PlatformResponse, start);
        var reminder = Windows.Due(Windows.Reminder, answer);
        var review = Windows.Due(Windows.LegalReview, reminder);
        var deadlines = new[]
        {
            (At: answer, Level: EscalationLevel.Reminded),
            (At: reminder, Level: EscalationLevel.LegalReview),
            (At: review, Level: EscalationLevel.FinalNotice),
            (At: Windows.Due(Windows.FinalNotice, review), Level: EscalationLevel.PublicNoResponse),
        };

        var before = EscalationLevel.None;
        foreach (var (at, level) in deadlines)
        {
            _app.Clock.SetUtcNow(at - Tick);
            await SweepAsync();
            Assert.Equal(before, (await ReadAsync(id)).EscalationLevel);

            _app.Clock.SetUtcNow(at);
            await SweepAsync();
            Assert.Equal(level, (await ReadAsync(id)).EscalationLevel);
            before = level;
        }

        var listed = await ReadAsync(id);
        Assert.Equal(CaseRating.NotRated, listed.Rating);
        Assert.Null(listed.DeadlineAt);
        Assert.Equal(DisputeStatus.AwaitingPlatform, listed.Status);
    }

    [Fact]
    public async Task Re_running_the_sweep_changes_nothing()
    {
        var id = await _seed.AwaitingPlatformAsync(await _seed.MerchantAsync(), Windows);
        _app.Clock.AdvanceTo(Windows.PlatformResponse);
        var first = await SweepAsync();
        var after = await ReadAsync(id);

        var second = await SweepAsync();
        var again = await ReadAsync(id);

        Assert.Equal(1, first.Escalated);
        Assert.Equal(0, second.Moved);
        Assert.Equal(after.Version, again.Version);
        Assert.Equal(after.TimelineCount, again.TimelineCount);
    }

    [Fact]
    public async Task A_platform_answer_at_any_step_stops_the_ladder()
    {
        var merchant = await _seed.MerchantAsync();
        var id = await _seed.AwaitingPlatformAsync(merchant, Windows);
        _app.Clock.AdvanceTo(Windows.PlatformResponse);
        await SweepAsync();

        await ActAsync(id, (d, now) => d.RespondAsPlatform(
            new Domain.Users.Actor(Guid.NewGuid(), Domain.Users.Roles.PlatformAgent, 1), PlatformOutcome.Reversed, "已撤销", Windows, now));
        // Past the next step of the ladder, before the merchant's auto-resolve window ends.
        _app.Clock.AdvanceTo(Windows.Reminder);
        await SweepAsync();

        var answered = await ReadAsync(id);
        Assert.Equal(EscalationLevel.Reminded, answered.EscalationLevel);
        Assert.Equal(DisputeStatus.PlatformResponded, answered.Status);
        Assert.False(answered.AnsweredBeforeFirstDeadline);
    }

    [Fact]
    public async Task An_information_request_left_past_its_deadline_closes_the_case()
    {
        var id = await _seed.NeedsInfoAsync(await _seed.MerchantAsync(), Windows);

        _app.Clock.SetUtcNow(Windows.Due(Windows.MerchantInfo, _app.Clock.GetUtcNow()) - Tick);
        await SweepAsync();
        Assert.Equal(DisputeStatus.NeedsInfo, (await ReadAsync(id)).Status);
        _app.Clock.Advance(Tick);
        var result = await SweepAsync();

        var closed = await ReadAsync(id);
        Assert.Equal(1, result.Closed);
        Assert.Equal(DisputeStatus.Closed, closed.Status);
        Assert.Null(closed.Rating);
        Assert.True(await _app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.DisputeId == id && n.Kind == "ExpireInfoRequest")));
    }

    [Fact]
    public async Task A_platform_answer_left_untouched_resolves_itself()
    {
        var id = await _seed.PlatformRespondedAsync(await _seed.MerchantAsync(), Windows);

        _app.Clock.AdvanceTo(Windows.AutoResolve);
        var result = await SweepAsync();

        var resolved = await ReadAsync(id);
        Assert.Equal(1, result.Resolved);
        Assert.Equal(DisputeStatus.Resolved, resolved.Status);
        Assert.Equal(CaseRating.Recommended, resolved.Rating);
    }

    [Fact]
    public async Task Two_sweeps_at_once_move_every_due_case_exactly_one_step()
    {
        var merchant = await _seed.MerchantAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await _seed.AwaitingPlatformAsync(merchant, Windows));
        }

        _app.Clock.AdvanceTo(Windows.PlatformResponse);
        var results = await Task.WhenAll(SweepAsync(), SweepAsync());

        Assert.Equal(ids.Count, results.Sum(r => r.Escalated));
        var cases = await _app.WithDbAsync(db => db.Disputes.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync());
        Assert.All(cases, d => Assert.Equal(EscalationLevel.Reminded, d.EscalationLevel));
        var escalations = await _app.WithDbAsync(db => db.TimelineEntries.CountAsync(e => ids.Contains(e.DisputeId) && e.Kind == "Escalate"));
        Assert.Equal(ids.Count, escalations);
    }

    [Fact]
    public async Task A_sweep_pages_through_more_due_cases_than_one_batch()
    {
        var merchant = await _seed.MerchantAsync();
        var count = DeadlineSweep.BatchSize + 37;
        var ids = await _seed.ManyAwaitingPlatformAsync(merchant, Windows, count);

        _app.Clock.AdvanceTo(Windows.PlatformResponse);
        var result = await SweepAsync();

        Assert.Equal(count, result.Escalated);
        Assert.Equal(count, await _app.WithDbAsync(db => db.Disputes.CountAsync(d => ids.Contains(d.Id) && d.EscalationLevel == EscalationLevel.Reminded)));
    }

    [Fact]
    public async Task Cases_not_yet_due_and_ended_cases_are_left_alone()
    {
        var merchant = await _seed.MerchantAsync();
        var start = _app.Clock.GetUtcNow();
        var due = await _seed.AwaitingPlatformAsync(merchant, Windows);
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var notDue = await _seed.AwaitingPlatformAsync(merchant, Windows);

        _app.Clock.SetUtcNow(Windows.Due(Windows.PlatformResponse, start));
        var result = await SweepAsync();

        Assert.Equal(1, result.Escalated);
        Assert.Equal(EscalationLevel.Reminded, (await ReadAsync(due)).EscalationLevel);
        Assert.Equal(EscalationLevel.None, (await ReadAsync(notDue)).EscalationLevel);
    }

    private Task<SweepResult> SweepAsync() => _app.Services.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);

    private Task<Dispute> ReadAsync(Guid id) => _app.WithDbAsync(db => db.Disputes.AsNoTracking().SingleAsync(d => d.Id == id));

    private Task<int> ActAsync(Guid id, Action<Dispute, DateTimeOffset> act) => _app.WithDbAsync(async db =>
    {
        var dispute = await db.Disputes.SingleAsync(d => d.Id == id);
        act(dispute, _app.Clock.GetUtcNow());
        return await db.SaveChangesAsync();
    });
}
