using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Notifications;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Notifications;

[Flags]
internal enum Parties
{
    None = 0,
    Merchant = 1,
    AssignedMediator = 2,
    AllMediators = 4,
    PlatformAgents = 8,
    Lawyers = 16,
}

/// <summary>
/// Tells the people on a case what needs them: an in-app notification and an email in the outbox, added to the
/// same unit of work as the change, so a notice is never sent for a change that was not saved.
/// </summary>
public sealed class CaseNotifier(DisputesDbContext db, TimeProvider clock, IOptions<AppOptions> app)
{
    private static readonly Dictionary<string, Parties> ByKind = new(StringComparer.Ordinal)
    {
        ["Submit"] = Parties.AllMediators,
        ["Claim"] = Parties.Merchant,
        ["RequestInfo"] = Parties.Merchant,
        ["ProvideInfo"] = Parties.AssignedMediator,
        ["Reject"] = Parties.Merchant,
        ["Forward"] = Parties.Merchant | Parties.PlatformAgents,
        ["PlatformRespond"] = Parties.Merchant | Parties.AssignedMediator,
        ["Accept"] = Parties.AssignedMediator | Parties.PlatformAgents,
        ["Contest"] = Parties.AssignedMediator | Parties.PlatformAgents,
        ["Close"] = Parties.Merchant | Parties.PlatformAgents,
        ["Rate"] = Parties.AssignedMediator,
        ["Withdraw"] = Parties.AssignedMediator | Parties.PlatformAgents,
        ["ExpireInfoRequest"] = Parties.Merchant | Parties.AssignedMediator,
        ["AutoResolve"] = Parties.Merchant | Parties.AssignedMediator | Parties.PlatformAgents,
        ["Message"] = Parties.Merchant | Parties.AssignedMediator | Parties.PlatformAgents | Parties.Lawyers,
        ["LegalOpinion"] = Parties.Merchant | Parties.AssignedMediator,
        ["EvidenceAdded"] = Parties.AssignedMediator,
        ["DeadlineMoved"] = Parties.None,
    };

    /// <summary>Adds the notices for the entries the aggregate just appended; the caller saves.</summary>
    /// <param name="postAt">
    /// When the notices appear and their e-mails may go (the deadline sweep waits for office hours); null is now.
    /// A notice's CreatedAt is that moment, and nothing shows or sends it before.
    /// </param>
    public Task QueueAsync(Dispute dispute, Actor actor, CancellationToken cancellationToken, DateTimeOffset? postAt = null) =>
        QueueAsync(dispute, actor, new RecipientDirectory(), cancellationToken, postAt);

    /// <summary>
    /// The same, with the role look-ups and e-mail addresses kept in <paramref name="directory"/>, which may outlive
    /// this call: the deadline sweep keeps one for a whole sweep, so each role is read once, not once per case.
    /// </summary>
    public async Task QueueAsync(
        Dispute dispute, Actor actor, RecipientDirectory directory, CancellationToken cancellationToken, DateTimeOffset? postAt = null)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(directory);
        foreach (var entry in dispute.Timeline)
        {
            var recipients = await RecipientsAsync(dispute, entry, directory, cancellationToken);
            recipients.Remove(actor.UserId ?? Guid.Empty);
            await AddAsync(dispute, entry, recipients, directory, postAt, cancellationToken);
        }
    }

    private async Task<HashSet<Guid>> RecipientsAsync(Dispute dispute, TimelineEntry entry, RecipientDirectory directory, CancellationToken cancellationToken)
    {
        var parties = PartiesFor(dispute, entry);
        var ids = new HashSet<Guid>();
        if (parties.HasFlag(Parties.Merchant))
        {
            ids.Add(dispute.MerchantId);
        }

        if (parties.HasFlag(Parties.AllMediators) || (parties.HasFlag(Parties.AssignedMediator) && dispute.AssignedMediatorId is null))
        {
            ids.UnionWith(await directory.InRoleAsync(db, Roles.Mediator, null, cancellationToken));
        }
        else if (parties.HasFlag(Parties.AssignedMediator))
        {
            ids.Add(dispute.AssignedMediatorId!.Value);
        }

        if (parties.HasFlag(Parties.PlatformAgents))
        {
            ids.UnionWith(await directory.InRoleAsync(db, Roles.PlatformAgent, dispute.PlatformId, cancellationToken));
        }

        if (parties.HasFlag(Parties.Lawyers))
        {
            ids.UnionWith(await directory.InRoleAsync(db, Roles.Lawyer, null, cancellationToken));
        }

        return ids;
    }

    /// <summary>Narrows the kind's parties to those who may read the entry and may see the case now.</summary>
    private static Parties PartiesFor(Dispute dispute, TimelineEntry entry)
    {
        // A draft is the merchant's own until it is submitted: uploads to it, and withdrawing it, concern nobody else.
        if (dispute.SubmittedAt is null)
        {
            return Parties.None;
        }

        var parties = entry.Kind == "Escalate" ? Escalation(entry) : ByKind.GetValueOrDefault(entry.Kind);
        if (dispute.ForwardedAt is null || entry.Audience != TimelineAudience.Everyone)
        {
            parties &= ~Parties.PlatformAgents;
        }

        if (entry.Audience == TimelineAudience.Staff)
        {
            parties &= ~Parties.Merchant;
        }

        if (dispute.EscalationLevel < EscalationLevel.LegalReview)
        {
            parties &= ~Parties.Lawyers;
        }

        return parties;
    }

    /// <summary>Every step tells the platform, the mediators and the merchant; step 2 also the lawyers.</summary>
    private static Parties Escalation(TimelineEntry entry)
    {
        var everyone = Parties.Merchant | Parties.AllMediators | Parties.PlatformAgents;
        return entry.Data().GetValueOrDefault("level") == nameof(EscalationLevel.LegalReview) ? everyone | Parties.Lawyers : everyone;
    }

    private async Task AddAsync(
        Dispute dispute, TimelineEntry entry, HashSet<Guid> recipients, RecipientDirectory directory, DateTimeOffset? postAt, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var now = postAt ?? clock.GetUtcNow();
        var emails = await directory.EmailsAsync(db, recipients, cancellationToken);

        // A merchant who deleted their account is told nothing more: no notice, no mail to the tombstone address.
        recipients.RemoveWhere(directory.IsClosed);
        if (recipients.Count == 0)
        {
            return;
        }

        var detail = Detail(entry);
        foreach (var recipient in recipients)
        {
            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(now), UserId = recipient, DisputeId = dispute.Id, CaseNumber = dispute.CaseNumber,
                Kind = entry.Kind, Detail = detail, CreatedAt = now,
            });
        }

        var mail = new CaseMail(dispute, entry.Kind, detail, Features.Escalation.Deadline.Of(dispute, now), app.Value.Link($"Disputes/{dispute.Id}"));
        foreach (var email in emails)
        {
            db.OutboxEmails.Add(mail.To(email, now));
        }
    }

    /// <summary>What the notice says beyond its kind: the step a case climbed to, or the platform's answer.</summary>
    private static string? Detail(TimelineEntry entry)
    {
        var data = entry.Data();
        return data.GetValueOrDefault("level") ?? (entry.Kind == "PlatformRespond" ? data.GetValueOrDefault("outcome") : null);
    }
}
