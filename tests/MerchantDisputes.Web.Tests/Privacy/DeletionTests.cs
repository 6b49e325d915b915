using System.Net;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Privacy;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Privacy;

public sealed class DeletionTests : IDisposable
{
    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_wrong_password_deletes_nothing_and_says_so_on_the_password_field()
    {
        var email = $"m-{Guid.NewGuid():N}@shop.test";
        var merchant = await Session.NewMerchantAsync(_app, email);

        var response = await merchant.PostAsync("/api/v1/me/delete", new { password = "Not-The-Password-1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.ReadAsync(response);
        Assert.Contains("密码不正确", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Deleting_erases_the_person_ends_every_session_and_keeps_the_cases_as_a_deleted_merchant()
    {
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);
        var merchant = await PrivacyCast.WithClaimedCaseAsync(_app, mediator, 9201, "请尽快处理");
        var draft = (await Session.CreateAsync(merchant.Client, ADispute.RefundOnly())).GetProperty("id").GetString()!;
        await Uploads.UploadOkAsync(merchant.Client, draft, Uploads.Screenshot(9202));
        var resolved = await ResolvedCaseAsync(merchant.Id);
        var blobsBefore = _app.EvidenceBlobFiles().Count;

        var response = await merchant.Client.PostAsync("/api/v1/me/delete", new { password = Session.Password });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        // The account: erased, closed, its sessions over (bearer tokens within the one-minute stamp check), its address free again.
        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await merchant.Client.GetAsync("/api/v1/me")).StatusCode);
        var login = await new ApiClient(_app.CreateClient()).PostAsync("/api/v1/auth/login", new { email = merchant.Email, password = Session.Password });
        Assert.NotEqual(HttpStatusCode.OK, login.StatusCode);
        var user = await _app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == merchant.Id));
        Assert.Equal(AccountDeletion.Tombstone(merchant.Id), user.Email);
        Assert.Equal(string.Empty, user.DisplayName);
        Assert.Null(user.StoreName);
        Assert.Null(user.Province);
        Assert.Null(user.Gender);
        Assert.Null(user.PhoneNumber);
        Assert.Null(user.PasswordHash);
        Assert.NotNull(user.DeletedAt);
        Assert.Equal(0, await _app.WithDbAsync(db => db.SignInEvents.CountAsync(e => e.UserId == merchant.Id)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == merchant.Id)));
        Assert.Equal(HttpStatusCode.Created, (await new ApiClient(_app.CreateClient()).PostAsync("/api/v1/auth/register", AMerchant.Registration(merchant.Email))).StatusCode);

        // The draft is gone with its three files; the open case withdrawn; both kept cases record the deletion.
        Assert.False(await _app.WithDbAsync(db => db.Disputes.AnyAsync(d => d.Id == Guid.Parse(draft))));
        Assert.Equal(blobsBefore - 3, _app.EvidenceBlobFiles().Count);
        var open = await _app.WithDbAsync(db => db.Disputes.AsNoTracking().SingleAsync(d => d.Id == Guid.Parse(merchant.CaseId)));
        Assert.Equal(DisputeStatus.Withdrawn, open.Status);
        Assert.Equal(DisputeStatus.Resolved, (await _app.WithDbAsync(db => db.Disputes.AsNoTracking().SingleAsync(d => d.Id == resolved))).Status);
        foreach (var id in new[] { Guid.Parse(merchant.CaseId), resolved })
        {
            var entries = await _app.WithDbAsync(db => db.TimelineEntries.AsNoTracking().Where(e => e.DisputeId == id).OrderBy(e => e.Sequence).ToListAsync());
            var deleted = Assert.Single(entries, e => e.Kind == AccountDeletion.TimelineKind);
            Assert.Equal("{}", deleted.DataJson);
            Assert.Null(TimelineVerifier.FirstBroken(entries));
            Assert.DoesNotContain(entries, e => e.DataJson.Contains(merchant.Email, StringComparison.Ordinal) || e.DataJson.Contains("卢明", StringComparison.Ordinal));
        }

        var withdraw = await _app.WithDbAsync(db => db.TimelineEntries.AsNoTracking().SingleAsync(e => e.DisputeId == Guid.Parse(merchant.CaseId) && e.Kind == "Withdraw"));
        Assert.Equal(AccountDeletion.WithdrawReason, withdraw.Data()["reason"]);

        // The platform side, the lawyers and the public still see the cases, with the merchant shown as deleted.
        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync($"/api/v1/disputes/{merchant.CaseId}")).StatusCode);
        var feed = await _app.CreateClient().GetStringAsync("/api/v1/public/feed");
        Assert.Contains("已注销商家", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("卢**", feed, StringComparison.Ordinal);
        var admin = await Staff.SignInAsync(_app, Roles.Admin);
        var row = await ApiClient.ReadAsync(await admin.GetAsync($"/api/v1/admin/users/{merchant.Id}"));
        Assert.Equal("已注销商家", row.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task The_page_deletes_with_the_password_and_signs_the_browser_out()
    {
        var email = $"m-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(_app, email);
        var browser = await Browser.SignedInAsync(_app, email, Session.Password);

        var wrong = await Browser.PostFormAsync(browser, "/Account/Delete", new() { ["Password"] = "Not-The-Password-1" });
        var right = await Browser.PostFormAsync(browser, "/Account/Delete", new() { ["Password"] = Session.Password });
        var after = await browser.GetAsync("/Disputes");

        Assert.Contains("密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("您的账户已注销", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location?.AbsolutePath ?? after.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.DeletedAt != null)));
    }

    [Fact]
    public async Task Staff_cannot_delete_their_own_account()
    {
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);

        var response = await mediator.PostAsync("/api/v1/me/delete", new { password = Staff.Password });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mediator.GetAsync("/api/v1/me")).StatusCode);
    }

    /// <summary>A case the platform answered and the merchant accepted: ended, in the public feed.</summary>
    private async Task<Guid> ResolvedCaseAsync(Guid merchantId)
    {
        var now = _app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var content = new DisputeContent(1, DisputeType.RefundOnly, "包裹退回未签收仍被判仅退款", false, "说明", 1340.70m, "CNY", "撤销判罚",
            new RefundOnlyDetails("240312-558812", null, 1340.70m, LogisticsStatus.ReturnedUndelivered, null), null, null);
        var dispute = Dispute.Open($"MD-DEL-{Guid.NewGuid():N}"[..20], merchantId, "CN-GD", content, now);
        dispute.Submit(Actor.Merchant(merchantId), evidenceCount: 1, now);
        dispute.Claim(CaseSeeder.Mediator, now);
        dispute.Forward(CaseSeeder.Mediator, null, CaseWindows.Default, now);
        dispute.RespondAsPlatform(new Actor(Guid.NewGuid(), Roles.PlatformAgent, 1), PlatformOutcome.Reversed, "已撤销判罚", CaseWindows.Default, now);
        dispute.Accept(Actor.Merchant(merchantId), now);
        return await _app.WithDbAsync(async db =>
        {
            db.Disputes.Add(dispute);
            await db.SaveChangesAsync();
            return dispute.Id;
        });
    }
}
