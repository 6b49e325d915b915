using System.Globalization;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Privacy;

/// <summary>What came of a deletion request.</summary>
public enum DeletionOutcome
{
    Deleted,

    /// <summary>The password was wrong (or missing, or the account is locked out): nothing was changed.</summary>
    WrongPassword,

    /// <summary>Staff accounts are closed by an admin, not by their holder.</summary>
    NotAMerchant,
}

/// <summary>
/// A merchant deletes their account (PIPL art. 47): the personal fields are erased and the account closed, every
/// session ends; their cases stay for the platform, the lawyers and the statistics, shown as "已注销商家", and each
/// case's timeline records the deletion without personal data. Drafts, which nobody else has seen, are deleted with
/// their files; open cases are withdrawn, since nobody is left to answer a request, accept or contest an answer
/// (docs/privacy.md).
/// </summary>
public sealed class AccountDeletion(
    DisputesDbContext db,
    SignInManager<ApplicationUser> signIn,
    IEvidenceStore store,
    CaseNotifier notifier,
    TimeProvider clock)
{
    /// <summary>The reason written on a case withdrawn because its merchant left; no personal data, both languages.</summary>
    public const string WithdrawReason = "商家已注销账户 / The merchant deleted their account";

    /// <summary>The timeline kind that records the deletion on every case of the merchant.</summary>
    public const string TimelineKind = "AccountDeleted";

    /// <summary>The domain of the e-mail address a deleted account keeps: reserved (RFC 2606), never deliverable.</summary>
    public const string TombstoneDomain = "deleted.invalid";

    public async Task<DeletionOutcome> DeleteAsync(ApplicationUser user, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await signIn.UserManager.IsInRoleAsync(user, Roles.Merchant))
        {
            return DeletionOutcome.NotAMerchant;
        }

        // Failures count towards the lockout, as a sign-in does: the form must not become a password oracle.
        if (string.IsNullOrEmpty(password) || !(await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded)
        {
            return DeletionOutcome.WrongPassword;
        }

        var now = clock.GetUtcNow();
        var email = user.Email;
        List<string> draftBlobs;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            draftBlobs = await DeleteDraftsAsync(user.Id, cancellationToken);
            await CloseCasesAsync(user.Id, now, cancellationToken);
            await ForgetAsync(user.Id, email, cancellationToken);
            Erase(user, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // The rows are gone first; a file left behind by a failure here is an orphan the hourly sweep removes.
        foreach (var blob in draftBlobs)
        {
            foreach (var container in Enum.GetValues<EvidenceContainer>())
            {
                await store.DeleteAsync(container, blob, CancellationToken.None);
            }
        }

        return DeletionOutcome.Deleted;
    }

    /// <summary>The e-mail address a deleted account keeps: unique, meaningless, and frees the real one for a new account.</summary>
    public static string Tombstone(Guid userId) => string.Create(CultureInfo.InvariantCulture, $"deleted-{userId:N}@{TombstoneDomain}");

    /// <returns>The blob names of the drafts' evidence, to delete once the rows are gone.</returns>
    private async Task<List<string>> DeleteDraftsAsync(Guid merchantId, CancellationToken cancellationToken)
    {
        var drafts = await db.Disputes.Where(d => d.MerchantId == merchantId && d.Status == DisputeStatus.Draft).ToListAsync(cancellationToken);
        var ids = drafts.Select(d => d.Id).ToList();
        var blobs = await db.Evidence.Where(e => ids.Contains(e.DisputeId)).Select(e => e.BlobName).ToListAsync(cancellationToken);
        await db.Notifications.Where(n => ids.Contains(n.DisputeId)).ExecuteDeleteAsync(cancellationToken);
        await db.Evidence.Where(e => ids.Contains(e.DisputeId)).ExecuteDeleteAsync(cancellationToken);
        await db.TimelineEntries.Where(e => ids.Contains(e.DisputeId)).ExecuteDeleteAsync(cancellationToken);
        db.Disputes.RemoveRange(drafts);
        return blobs;
    }

    /// <summary>Open cases are withdrawn (their people told, as for any withdrawal); every case records the deletion.</summary>
    private async Task CloseCasesAsync(Guid merchantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var merchant = Actor.Merchant(merchantId);
        var cases = await db.Disputes.Where(d => d.MerchantId == merchantId && d.Status != DisputeStatus.Draft).ToListAsync(cancellationToken);
        foreach (var dispute in cases)
        {
            if (dispute.IsOpen)
            {
                dispute.Withdraw(merchant, WithdrawReason, now);
            }

            dispute.Record(merchant, TimelineKind, new Dictionary<string, string?>(), now);
            await notifier.QueueAsync(dispute, merchant, cancellationToken);
        }
    }

    /// <summary>What the app holds about the person beyond the account row: notices, sign-in history, mail, sign-in tokens.</summary>
    private async Task ForgetAsync(Guid userId, string? email, CancellationToken cancellationToken)
    {
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.SignInEvents.Where(e => e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (email is not null)
        {
            await db.OutboxEmails.Where(m => m.ToAddress == email).ExecuteDeleteAsync(cancellationToken);
        }

        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Every personal field erased; no password, so nothing can sign in; a new security stamp, so every cookie and
    /// bearer token stops working. The row stays: the cases point to it, and it says the merchant left and when.
    /// </summary>
    private static void Erase(ApplicationUser user, DateTimeOffset now)
    {
        var tombstone = Tombstone(user.Id);
        user.Email = tombstone;
        user.NormalizedEmail = tombstone.ToUpperInvariant();
        user.UserName = tombstone;
        user.NormalizedUserName = tombstone.ToUpperInvariant();
        user.EmailConfirmed = false;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.DisplayName = string.Empty;
        user.StoreName = null;
        user.Province = null;
        user.Gender = null;
        user.PasswordHash = null;
        user.TwoFactorEnabled = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.AccessFailedCount = 0;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.DeletedAt = now;
    }
}
