using System.Net;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Admin;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Admin;

/// <summary>Development, started as <c>dotnet run -- --demo-data</c> would start it (the flag sets this setting).</summary>
public sealed class DemoDataAppFactory : DisputesAppFactory
{
    protected override string EnvironmentName => "Development";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new(DemoDataExtensions.SeedSetting, "true")];
}

/// <summary>The same request in an environment that is not Development.</summary>
public sealed class DemoDataOutsideDevelopmentFactory : DisputesAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new(DemoDataExtensions.SeedSetting, "true")];
}

public sealed class DemoDataTests(DemoDataAppFactory app) : IClassFixture<DemoDataAppFactory>
{
    [Fact]
    public async Task Demo_data_fills_a_year_across_platforms_types_and_provinces_in_every_state_with_timelines_that_verify()
    {
        app.CreateClient().Dispose();

        var cases = await app.WithDbAsync(db => db.Disputes.AsNoTracking().ToListAsync());
        var timelines = await app.WithDbAsync(db => db.TimelineEntries.AsNoTracking().ToListAsync());
        var evidence = await app.WithDbAsync(db => db.Evidence.CountAsync());

        Assert.Equal(DemoData.CaseCount, cases.Count);
        Assert.Equal(Enum.GetValues<DisputeStatus>().Order(), cases.Select(c => c.Status).Distinct().Order());
        Assert.Equal(Enum.GetValues<EscalationLevel>().Order(), cases.Select(c => c.EscalationLevel).Distinct().Order());
        Assert.Equal(3, cases.Select(c => c.Type).Distinct().Count());
        Assert.True(cases.Select(c => c.PlatformId).Distinct().Count() >= 5);
        Assert.True(cases.Select(c => c.Region).Distinct().Count() >= 10);
        Assert.True(cases.Max(c => c.CreatedAt) - cases.Min(c => c.CreatedAt) > TimeSpan.FromDays(300));
        Assert.All(cases, c => Assert.True(c.CreatedAt <= app.Clock.GetUtcNow()));
        Assert.Equal(DemoData.CaseCount, evidence);
        foreach (var dispute in cases)
        {
            var chain = timelines.Where(e => e.DisputeId == dispute.Id).OrderBy(e => e.Sequence).ToList();
            Assert.Null(TimelineVerifier.FirstBroken(chain));
            Assert.Equal(dispute.LastTimelineHash, chain[^1].Hash);
            Assert.Equal(dispute.TimelineCount, chain.Count);
        }
    }

    [Fact]
    public async Task Running_it_again_creates_nothing_more()
    {
        app.CreateClient().Dispose();

        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(CancellationToken.None);

        Assert.Equal(0, created);
        Assert.Equal(DemoData.CaseCount, await app.WithDbAsync(db => db.Disputes.CountAsync()));
    }

    [Fact]
    public async Task The_public_feed_the_statistics_and_the_mediators_queue_show_the_demo_cases()
    {
        var anonymous = new ApiClient(app.CreateClient());
        var mediator = new ApiClient(app.CreateClient());
        await Staff.SignInAsync(app, mediator, "mediator@demo.local", "Demo-Passw0rd!");

        var feed = await ApiClient.ReadAsync(await anonymous.GetAsync("/api/v1/public/feed"));
        var queue = await ApiClient.ReadAsync(await mediator.GetAsync("/api/v1/disputes"));
        var report = await anonymous.GetAsync($"/reports/{app.Clock.GetUtcNow().Year - 1}.csv");

        Assert.True(feed.GetProperty("items").GetArrayLength() > 0);
        Assert.True(queue.GetProperty("total").GetInt32() > 150);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
    }

    [Fact]
    public async Task In_Development_the_admin_page_offers_the_demo_data_and_a_second_press_adds_nothing()
    {
        var admin = await Browser.SignedInAsync(app, "admin@demo.local", "Demo-Passw0rd!");

        var page = await admin.GetStringAsync("/Admin");
        var pressed = await (await PageCast.FormOfAsync(admin, "/Admin")).PostAsync(admin, "/Admin?handler=DemoData");
        var after = await admin.GetStringAsync("/Admin");

        Assert.Contains("handler=DemoData", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        Assert.Contains("演示数据已存在", after, StringComparison.Ordinal);
        Assert.Equal(DemoData.CaseCount, await app.WithDbAsync(db => db.Disputes.CountAsync()));
    }
}

public sealed class DemoDataOutsideDevelopmentTests : IDisposable
{
    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void Asking_for_demo_data_outside_Development_stops_the_start_up()
    {
        using var refused = new DemoDataOutsideDevelopmentFactory();

        var error = Assert.Throws<InvalidOperationException>(() => refused.CreateClient());

        Assert.Contains("Development only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_there_is_no_demo_data_service_button_or_door()
    {
        var admin = await PageCast.StaffAsync(_app, Roles.Admin);

        var page = await admin.GetStringAsync("/Admin");
        var pressed = await (await PageCast.FormOfAsync(admin, "/Disputes")).PostAsync(admin, "/Admin?handler=DemoData");

        Assert.Null(_app.Services.GetService<DemoData>());
        Assert.DoesNotContain("handler=DemoData", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, pressed.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Disputes.CountAsync()));
    }
}
