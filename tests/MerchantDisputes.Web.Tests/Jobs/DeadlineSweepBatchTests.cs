using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Jobs;

/// <summary>
/// The sweep writes a batch of cases in one transaction; these tests put a person's change and a failure in the
/// middle of a batch (<see cref="SweepFaults"/>, an interceptor on the app's own database context).
/// </summary>
public sealed class DeadlineSweepBatchTests : IDisposable
{
    private static readonly CaseWindows Windows = CaseWindows.Default;

    private readonly SweepFaultsAppFactory _app = new();
    private readonly CaseSeeder _seed;

    public DeadlineSweepBatchTests() => _seed = new CaseSeeder(_app);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_case_a_person_changes_in_the_middle_of_a_batch_is_not_overwritten_and_moves_in_the_next_sweep()
    {
        var count = DeadlineSweep.BatchSize + 37;
        var ids = await _seed.ManyAwaitingPlatformAsync(await _seed.MerchantAsync(), Windows, count);
        var seeded = await VersionsAsync(ids);
        _app.Clock.AdvanceTo(Windows.PlatformResponse);
        var changed = Guid.Empty;
        _app.Faults.BeforeEscalationSave(async sweepContext =>
        {
            var batch = sweepContext.ChangeTracker.Entries<Dispute>().Select(e => e.Entity).ToList();
            changed = batch[batch.Count / 2].Id;
            await _app.WithDbAsync(async db =>
            {
                var dispute = await db.Disputes.SingleAsync(d => d.Id == changed);
                dispute.Say(CaseSeeder.Mediator, "Message", "已电话催促平台答复", TimelineAudience.Staff, _app.Clock.GetUtcNow());
                return await db.SaveChangesAsync();
            });
        });

        var first = await SweepAsync();

        Assert.Equal(1, _app.Faults.Fired);
        Assert.Equal(count - 1, first.Escalated);
        var untouched = await ReadAsync(changed);
        Assert.Equal(EscalationLevel.None, untouched.EscalationLevel);
        Assert.Equal(seeded[changed] + 1, untouched.Version);
        Assert.Equal(["Message"], await KindsAfterForwardAsync(changed));
        Assert.Equal(count - 1, await EscalationsAsync(ids));

        var second = await SweepAsync();

        Assert.Equal(1, second.Escalated);
        Assert.Equal(EscalationLevel.Reminded, (await ReadAsync(changed)).EscalationLevel);
        Assert.Equal(["Message", "Escalate"], await KindsAfterForwardAsync(changed));
        Assert.Equal(count, await EscalationsAsync(ids));
    }

    [Fact]
    public async Task A_failure_in_the_middle_of_a_batch_rolls_back_that_batch_and_nothing_else()
    {
        var count = (2 * DeadlineSweep.BatchSize) + 37;
        var merchant = await _seed.MerchantAsync();
        var ids = await _seed.ManyAwaitingPlatformAsync(merchant, Windows, count);
        var seeded = await VersionsAsync(ids);
        var emailsBefore = await _app.WithDbAsync(db => db.OutboxEmails.CountAsync());
        _app.Clock.AdvanceTo(Windows.PlatformResponse);
        _app.Faults.FailOnCaseUpdate(DeadlineSweep.BatchSize + (DeadlineSweep.BatchSize / 2));

        var failure = await Assert.ThrowsAnyAsync<Exception>(SweepAsync);

        Assert.IsType<InjectedFaultException>(failure.InnerException ?? failure);
        var versions = await VersionsAsync(ids);
        var moved = ids.Where(id => versions[id] != seeded[id]).ToList();
        Assert.Equal(DeadlineSweep.BatchSize, moved.Count);
        Assert.Equal(DeadlineSweep.BatchSize, await EscalationsAsync(ids));
        Assert.Equal(DeadlineSweep.BatchSize, await EscalationsAsync(moved));
        Assert.Equal(DeadlineSweep.BatchSize, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => ids.Contains(n.DisputeId) && n.Kind == "Escalate")));
        Assert.Equal(DeadlineSweep.BatchSize, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => moved.Contains(n.DisputeId))));
        Assert.Equal(emailsBefore + DeadlineSweep.BatchSize, await _app.WithDbAsync(db => db.OutboxEmails.CountAsync()));

        var next = await SweepAsync();

        Assert.Equal(count - DeadlineSweep.BatchSize, next.Escalated);
        Assert.Equal(count, await EscalationsAsync(ids));
        Assert.Equal(count, await _app.WithDbAsync(db => db.Disputes.CountAsync(d => ids.Contains(d.Id) && d.EscalationLevel == EscalationLevel.Reminded)));
        Assert.Equal(emailsBefore + count, await _app.WithDbAsync(db => db.OutboxEmails.CountAsync()));
    }

    [Fact]
    public async Task Two_sweeps_at_once_over_several_batches_move_each_case_once_with_one_set_of_notices()
    {
        var count = (2 * DeadlineSweep.BatchSize) + 37;
        var ids = await _seed.ManyAwaitingPlatformAsync(await _seed.MerchantAsync(), Windows, count);
        var emailsBefore = await _app.WithDbAsync(db => db.OutboxEmails.CountAsync());
        _app.Clock.AdvanceTo(Windows.PlatformResponse);

        var results = await Task.WhenAll(SweepAsync(), SweepAsync());

        Assert.Equal(count, results.Sum(r => r.Escalated));
        Assert.Equal(count, await EscalationsAsync(ids));
        Assert.Equal(count, await _app.WithDbAsync(db => db.Disputes.CountAsync(d => ids.Contains(d.Id) && d.EscalationLevel == EscalationLevel.Reminded)));
        Assert.Equal(count, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => ids.Contains(n.DisputeId) && n.Kind == "Escalate")));
        Assert.Equal(emailsBefore + count, await _app.WithDbAsync(db => db.OutboxEmails.CountAsync()));
    }

    [Fact]
    public async Task A_sweep_reads_each_role_once_however_many_cases_it_moves()
    {
        var mediator = await Staff.CreateAsync(_app, "mediator-sweep@staff.test", Domain.Users.Roles.Mediator);
        var agent = await Staff.CreateAsync(_app, "agent-sweep@staff.test", Domain.Users.Roles.PlatformAgent, "1688");
        var count = DeadlineSweep.BatchSize + 37;
        var ids = await _seed.ManyAwaitingPlatformAsync(await _seed.MerchantAsync(), Windows, count);
        _app.Clock.AdvanceTo(Windows.PlatformResponse);
        var before = _app.Faults.RoleQueries;

        var result = await SweepAsync();

        Assert.Equal(count, result.Escalated);
        // Mediators and platform agents: two look-ups for the whole sweep, not two per case.
        Assert.Equal(2, _app.Faults.RoleQueries - before);
        foreach (var person in new[] { mediator, agent })
        {
            Assert.Equal(count, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == person && ids.Contains(n.DisputeId) && n.Kind == "Escalate")));
        }
    }

    private Task<SweepResult> SweepAsync() => _app.Services.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);

    private Task<Dispute> ReadAsync(Guid id) => _app.WithDbAsync(db => db.Disputes.AsNoTracking().SingleAsync(d => d.Id == id));

    private Task<Dictionary<Guid, int>> VersionsAsync(List<Guid> ids) =>
        _app.WithDbAsync(db => db.Disputes.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Version));

    private Task<int> EscalationsAsync(List<Guid> ids) =>
        _app.WithDbAsync(db => db.TimelineEntries.CountAsync(e => ids.Contains(e.DisputeId) && e.Kind == "Escalate"));

    /// <summary>The kinds of the case's timeline entries after the mediator forwarded it, in order.</summary>
    private Task<List<string>> KindsAfterForwardAsync(Guid id) => _app.WithDbAsync(async db =>
    {
        var entries = await db.TimelineEntries.Where(e => e.DisputeId == id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync();
        return entries.SkipWhile(k => k != "Forward").Skip(1).ToList();
    });
}
