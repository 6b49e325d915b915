using System.Net;
using Hangfire.Storage;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Jobs;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Jobs;

/// <summary>Hangfire keeps a process-wide current storage, so apps with job servers run one at a time.</summary>
[CollectionDefinition(nameof(JobServers), DisableParallelization = true)]
public sealed class JobServers;

/// <summary>A job server in the app with a seconds-level sweep and windows of a few seconds, on real time.</summary>
public sealed class RealTimeJobsAppFactory : DisputesAppFactory
{
    public static readonly CaseWindows Windows = new(
        PlatformResponse: TimeSpan.FromSeconds(2),
        Reminder: TimeSpan.FromSeconds(2),
        LegalReview: TimeSpan.FromMinutes(10),
        MerchantInfo: TimeSpan.FromMinutes(10),
        AutoResolve: TimeSpan.FromMinutes(10));

    protected override bool UseFakeClock => false;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Hangfire:Mode", "WebAndJobs"),
        new("Hangfire:SchedulePollingInterval", "00:00:01"),
        new("Escalation:SweepCron", "* * * * * *"),
        new("Escalation:PlatformResponseWindow", "00:00:02"),
        new("Escalation:ReminderWindow", "00:00:02"),
        new("Escalation:LegalReviewWindow", "00:10:00"),
    ];
}

/// <summary>A job server over an existing data folder, with a clock the test has moved past every deadline.</summary>
public sealed class RestartedAppFactory(string dataDirectory) : DisputesAppFactory(dataDirectory)
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Hangfire:Mode", "WebAndJobs"),
        new("Hangfire:SchedulePollingInterval", "00:00:01"),
        new("Escalation:SweepCron", "* * * * * *"),
    ];
}

/// <summary>The app with the orphan sweep on a schedule of its own.</summary>
public sealed class OrphanScheduleAppFactory : DisputesAppFactory
{
    public const string Cron = "*/10 * * * *";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Hangfire:OrphanCron", Cron)];
}

[Collection(nameof(JobServers))]
public sealed class HangfireServerTests
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_forwarded_case_climbs_to_legal_review_with_no_manual_trigger()
    {
        using var app = new RealTimeJobsAppFactory();
        _ = app.CreateClient();
        var seed = new CaseSeeder(app);
        var id = await seed.AwaitingPlatformAsync(await seed.MerchantAsync(), RealTimeJobsAppFactory.Windows);

        var reminded = await PollAsync(app, id, d => d.EscalationLevel >= EscalationLevel.Reminded);
        var legal = await PollAsync(app, id, d => d.EscalationLevel == EscalationLevel.LegalReview);

        Assert.True(reminded, "step 1 was not reached");
        Assert.True(legal, "step 2 was not reached");
        var kinds = await app.WithDbAsync(db => db.TimelineEntries.Where(e => e.DisputeId == id && e.Kind == "Escalate").CountAsync());
        Assert.Equal(2, kinds);
    }

    [Fact]
    public async Task Cases_due_while_the_app_was_down_are_escalated_after_it_starts()
    {
        Guid id;
        string folder;
        var windows = CaseWindows.Default;
        using (var before = new DisputesAppFactory { KeepData = true })
        {
            _ = before.CreateClient();
            var seed = new CaseSeeder(before);
            id = await seed.AwaitingPlatformAsync(await seed.MerchantAsync(), windows);
            folder = before.DataDirectory;
        }

        using var after = new RestartedAppFactory(folder);
        after.Clock.SetUtcNow(windows.Due(windows.PlatformResponse, new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)) + TimeSpan.FromHours(1));
        _ = after.CreateClient();

        Assert.True(await PollAsync(after, id, d => d.EscalationLevel == EscalationLevel.Reminded), "the due case was not escalated after the restart");
    }

    [Fact]
    public async Task A_sweep_that_fails_in_the_middle_of_a_batch_is_finished_by_the_jobs_next_run()
    {
        using var app = new SweepFaultsAppFactory(jobs: true);
        _ = app.CreateClient();
        var seed = new CaseSeeder(app);
        var count = (2 * Features.Escalation.DeadlineSweep.BatchSize) + 37;
        var ids = await seed.ManyAwaitingPlatformAsync(await seed.MerchantAsync(), CaseWindows.Default, count);
        app.Faults.FailOnCaseUpdate(Features.Escalation.DeadlineSweep.BatchSize + 100);

        app.Clock.AdvanceTo(CaseWindows.Default.PlatformResponse);

        var limit = DateTime.UtcNow + PollLimit;
        var reminded = 0;
        while (reminded < count && DateTime.UtcNow < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            reminded = await app.WithDbAsync(db => db.Disputes.CountAsync(d => ids.Contains(d.Id) && d.EscalationLevel == EscalationLevel.Reminded));
        }

        Assert.Equal(1, app.Faults.Fired);
        Assert.Equal(count, reminded);
        Assert.Equal(count, await app.WithDbAsync(db => db.TimelineEntries.CountAsync(e => ids.Contains(e.DisputeId) && e.Kind == "Escalate")));
        Assert.Equal(count, await app.WithDbAsync(db => db.Notifications.CountAsync(n => ids.Contains(n.DisputeId) && n.Kind == "Escalate")));
    }

    [Fact]
    public async Task The_job_dashboard_is_for_admins_only()
    {
        using var app = new RealTimeJobsAppFactory();
        var password = "Staff-Passw0rd-1";
        foreach (var role in Roles.All)
        {
            await CreateUserAsync(app, $"{role.ToUpperInvariant()}@staff.test", role, password);
        }

        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = DisputesAppFactory.Https, AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/hangfire")).StatusCode);
        foreach (var role in Roles.All)
        {
            var browser = await Browser.SignedInAsync(app, $"{role.ToUpperInvariant()}@staff.test", password);
            var response = await browser.GetAsync("/hangfire");
            var expected = role == Roles.Admin ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.True(expected == response.StatusCode, $"{role}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public void The_orphan_sweep_runs_on_the_configured_schedule()
    {
        using var app = new OrphanScheduleAppFactory();
        _ = app.CreateClient();

        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var sweep = connection.GetRecurringJobs().Single(j => j.Id == JobsExtensions.OrphanJobId);

        Assert.Equal(OrphanScheduleAppFactory.Cron, sweep.Cron);
    }

    private static Task<Guid> CreateUserAsync(RealTimeJobsAppFactory app, string email, string role, string password) =>
        Staff.CreateAsync(app, email, role, role == Roles.PlatformAgent ? "1688" : null, password);

    /// <summary>Reads the case until the condition holds or the limit passes; the job server works meanwhile.</summary>
    private static async Task<bool> PollAsync(DisputesAppFactory app, Guid id, Func<Dispute, bool> condition)
    {
        var limit = DateTime.UtcNow + PollLimit;
        while (DateTime.UtcNow < limit)
        {
            var dispute = await app.WithDbAsync(db => db.Disputes.AsNoTracking().SingleAsync(d => d.Id == id));
            if (condition(dispute))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return false;
    }
}
