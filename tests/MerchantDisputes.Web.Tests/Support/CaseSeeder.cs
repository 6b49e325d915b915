using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>
/// Puts cases straight into the database through the domain's own methods, for tests of jobs and queries that
/// need many cases in a given state. Flows that people drive are tested through the HTTP API instead.
/// </summary>
public sealed class CaseSeeder(DisputesAppFactory app)
{
    public static readonly Actor Mediator = new(Guid.Parse("0195f2a0-2222-7000-8000-000000000001"), Roles.Mediator);

    public Task<Guid> MerchantAsync() =>
        Staff.CreateAsync(app, $"seed-{Guid.NewGuid():N}@shop.test", Roles.Merchant, password: Session.Password, displayName: "种子商家");

    /// <summary>A case forwarded to the platform at the clock's current time, so its RespondBy is one window later.</summary>
    public async Task<Guid> AwaitingPlatformAsync(Guid merchantId, CaseWindows windows, int platformId = 1)
    {
        var now = Now();
        var dispute = Submitted(merchantId, platformId, now);
        dispute.Claim(Mediator, now);
        dispute.Forward(Mediator, null, windows, now);
        return await SaveAsync(dispute);
    }

    /// <summary>Many forwarded cases in one transaction, for paging and load tests.</summary>
    public async Task<List<Guid>> ManyAwaitingPlatformAsync(Guid merchantId, CaseWindows windows, int count, int platformId = 1)
    {
        var now = Now();
        var disputes = Enumerable.Range(0, count).Select(_ =>
        {
            var dispute = Submitted(merchantId, platformId, now);
            dispute.Claim(Mediator, now);
            dispute.Forward(Mediator, null, windows, now);
            return dispute;
        }).ToList();
        return await app.WithDbAsync(async db =>
        {
            db.Disputes.AddRange(disputes);
            await db.SaveChangesAsync();
            return disputes.Select(d => d.Id).ToList();
        });
    }

    public async Task<Guid> NeedsInfoAsync(Guid merchantId, CaseWindows windows)
    {
        var now = Now();
        var dispute = Submitted(merchantId, 1, now);
        dispute.Claim(Mediator, now);
        dispute.RequestInfo(Mediator, "请补充物流截图", null, windows, now);
        return await SaveAsync(dispute);
    }

    public async Task<Guid> PlatformRespondedAsync(Guid merchantId, CaseWindows windows)
    {
        var now = Now();
        var dispute = Submitted(merchantId, 1, now);
        dispute.Claim(Mediator, now);
        dispute.Forward(Mediator, null, windows, now);
        dispute.RespondAsPlatform(new Actor(Guid.NewGuid(), Roles.PlatformAgent, 1), PlatformOutcome.Reversed, "已撤销判罚", windows, now);
        return await SaveAsync(dispute);
    }

    private DateTimeOffset Now() => app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    public Task<T> ReadAsync<T>(Func<DisputesDbContext, Task<T>> read) => app.WithDbAsync(read);

    private static Dispute Submitted(Guid merchantId, int platformId, DateTimeOffset now)
    {
        var content = new DisputeContent(platformId, DisputeType.RefundOnly, "包裹退回未签收仍被判仅退款", false, "说明", 1340.70m, "CNY", "撤销判罚",
            new RefundOnlyDetails("240312-558812", null, 1340.70m, LogisticsStatus.ReturnedUndelivered, null), null, null);
        var dispute = Dispute.Open($"MD-SEED-{Guid.NewGuid():N}"[..20], merchantId, "CN-GD", content, now);
        dispute.Submit(Actor.Merchant(merchantId), evidenceCount: 1, now);
        return dispute;
    }

    private async Task<Guid> SaveAsync(Dispute dispute) => await app.WithDbAsync(async db =>
    {
        db.Disputes.Add(dispute);
        await db.SaveChangesAsync();
        return dispute.Id;
    });
}
