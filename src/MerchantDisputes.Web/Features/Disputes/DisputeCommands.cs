using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>Changes to disputes, shared by the API and the pages. The aggregate decides; this loads and saves.</summary>
public sealed class DisputeCommands(
    DisputesDbContext db,
    TimeProvider clock,
    Notifications.CaseNotifier notifier,
    DisputeMetrics metrics,
    Evidence.EvidenceBlobs evidenceBlobs,
    Microsoft.Extensions.Options.IOptions<DisputeOptions> options)
{
    /// <summary>
    /// Loads a case the actor may see, lets the aggregate act, queues the notices, and saves all of it at once.
    /// A concurrent change by someone else surfaces as <see cref="CaseChangedException"/> naming the new status.
    /// </summary>
    /// <param name="dryRun">Only check that the action would be taken (a page's confirmation step); nothing is saved.</param>
    public async Task<Dispute> ActAsync(
        Actor actor, Guid id, int? expectedVersion, Action<Dispute, DateTimeOffset> act, CancellationToken cancellationToken, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(act);
        var dispute = await LoadAsync(actor, id, expectedVersion, cancellationToken);
        act(dispute, clock.GetUtcNow());
        if (dryRun)
        {
            db.ChangeTracker.Clear();
            return dispute;
        }

        await notifier.QueueAsync(dispute, actor, cancellationToken);
        await SaveAsync(dispute, cancellationToken);
        return dispute;
    }

    private async Task SaveAsync(Dispute dispute, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (IsRace(e))
        {
            db.ChangeTracker.Clear();
            var now = await db.Disputes.AsNoTracking().Where(d => d.Id == dispute.Id).Select(d => (DisputeStatus?)d.Status)
                .SingleOrDefaultAsync(cancellationToken);
            throw new CaseChangedException(now ?? dispute.Status, e);
        }
    }

    /// <summary>
    /// Another writer changed the case first: its version moved on, or it took the next timeline sequence
    /// (the loser hits the timeline's unique index).
    /// </summary>
    public static bool IsRace(DbUpdateException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e is DbUpdateConcurrencyException
            || e.InnerException?.Message.Contains("TimelineEntries", StringComparison.OrdinalIgnoreCase) == true;
    }

    public async Task<Dispute> CreateAsync(Actor actor, DisputeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.Is(Roles.Merchant))
        {
            throw new ActionNotAllowedException(DisputeAction.EditDraft, actor.Role);
        }

        var now = clock.GetUtcNow();
        var content = await ValidateAsync(input, now, cancellationToken);
        var merchant = await db.Users.Where(u => u.Id == actor.UserId).Select(u => new { u.Province, u.Gender }).SingleOrDefaultAsync(cancellationToken);
        var region = merchant?.Province;
        if (string.IsNullOrEmpty(region))
        {
            throw new DomainValidationException([new ValidationError("province", ErrorCodes.Required)]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var number = await CaseNumberAllocator.NextAsync(db, now, cancellationToken);
        var dispute = Dispute.Open(number, actor.UserId!.Value, region, content, now, merchant!.Gender);
        db.Disputes.Add(dispute);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.CaseFiled(dispute.Type);
        return dispute;
    }

    public async Task<Dispute> EditDraftAsync(Actor actor, Guid id, DisputeInput input, int? expectedVersion, CancellationToken cancellationToken)
    {
        var dispute = await LoadAsync(actor, id, expectedVersion, cancellationToken);
        dispute.Guard(DisputeAction.EditDraft, actor);
        var now = clock.GetUtcNow();
        var content = await ValidateAsync(input, now, cancellationToken);
        dispute.EditDraft(content, actor, now);
        await SaveAsync(dispute, cancellationToken);
        return dispute;
    }

    public async Task<Dispute> SubmitAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken cancellationToken, bool dryRun = false)
    {
        var evidence = await db.Evidence.CountAsync(e => e.DisputeId == id, cancellationToken);
        await RequireDailyRoomAsync(actor, cancellationToken);
        return await ActAsync(actor, id, expectedVersion, (d, now) => d.Submit(actor, evidence, now), cancellationToken, dryRun);
    }

    /// <summary>
    /// A merchant's submissions of the current day in China, withdrawn ones included, stay under the configured limit;
    /// the case the merchant may not see or submit is left to <see cref="ActAsync"/> (404, 409) only when there is room.
    /// </summary>
    private async Task RequireDailyRoomAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.Is(Roles.Merchant) || actor.UserId is not { } merchantId)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(now);
        var from = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        var to = from.AddDays(1);
        var limit = options.Value.DailySubmissionLimit;
        var submitted = await db.Disputes.CountAsync(
            d => d.MerchantId == merchantId && d.SubmittedAt >= from && d.SubmittedAt < to, cancellationToken);
        if (submitted >= limit)
        {
            throw new DailySubmissionLimitException(limit, to - now);
        }
    }

    public Task<Dispute> WithdrawAsync(
        Actor actor, Guid id, string? reason, int? expectedVersion, CancellationToken cancellationToken, bool dryRun = false)
    {
        var errors = new ValidationErrors();
        errors.OptionalText("reason", reason, DisputeContent.ReasonMaxLength);
        errors.ThrowIfAny();
        return ActAsync(
            actor, id, expectedVersion, (d, now) => d.Withdraw(actor, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now), cancellationToken, dryRun);
    }

    /// <summary>
    /// Deletes the merchant's draft that was never submitted, with its timeline, notices and evidence rows, in one
    /// transaction; the evidence blobs go after (a blob left by a failure there is an orphan the hourly sweep removes).
    /// Any other status is <see cref="InvalidTransitionException"/> (409): a submitted case is withdrawn, never deleted.
    /// </summary>
    public async Task DeleteDraftAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken cancellationToken, bool dryRun = false)
    {
        var dispute = await LoadAsync(actor, id, expectedVersion, cancellationToken);
        dispute.Guard(DisputeAction.EditDraft, actor);
        db.ChangeTracker.Clear();
        if (dryRun)
        {
            return;
        }

        var blobs = await db.Evidence.Where(e => e.DisputeId == id).Select(e => e.BlobName).ToListAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Evidence.Where(e => e.DisputeId == id).ExecuteDeleteAsync(cancellationToken);
            await db.TimelineEntries.Where(e => e.DisputeId == id).ExecuteDeleteAsync(cancellationToken);
            await db.Notifications.Where(n => n.DisputeId == id).ExecuteDeleteAsync(cancellationToken);
            var deleted = await db.Disputes
                .Where(d => d.Id == id && d.Version == dispute.Version && d.Status == DisputeStatus.Draft)
                .ExecuteDeleteAsync(cancellationToken);
            if (deleted == 0)
            {
                throw new CaseChangedException(dispute.Status);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await evidenceBlobs.DeleteQuietlyAsync(blobs);
    }

    /// <summary>Loads a case the actor may see, tracked for change; a stale version is a conflict.</summary>
    public async Task<Dispute> LoadAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var dispute = await db.Disputes.Where(DisputeVisibility.For(actor)).SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new DisputeNotFoundException();
        if (expectedVersion is { } version && version != dispute.Version)
        {
            throw new CaseChangedException(dispute.Status);
        }

        return dispute;
    }

    /// <summary>For a form with unparseable fields: those errors plus the rules broken by the rest.</summary>
    public async Task<IReadOnlyList<ValidationError>> CheckAsync(DisputeInput input, ValidationErrors parseErrors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseErrors);
        var errors = parseErrors.All.ToList();
        try
        {
            await ValidateAsync(input, clock.GetUtcNow(), cancellationToken);
        }
        catch (DomainValidationException e)
        {
            errors.AddRange(e.Errors.Where(d => errors.All(p => p.Field != d.Field)));
        }

        return errors;
    }

    private async Task<DisputeContent> ValidateAsync(DisputeInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slug = input.Platform?.Trim();
        var platform = string.IsNullOrEmpty(slug)
            ? null
            : await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        return DisputeContent.Create(input, platform, ChinaTime.Today(now));
    }
}

/// <summary>Someone else changed the case between the caller's read and write (HTTP 409).</summary>
public sealed class CaseChangedException : Exception
{
    public CaseChangedException(DisputeStatus currentStatus, Exception? innerException = null)
        : base($"The dispute was changed concurrently; it is now {currentStatus}.", innerException)
    {
        CurrentStatus = currentStatus;
    }

    public CaseChangedException()
    {
    }

    public CaseChangedException(string message)
        : base(message)
    {
    }

    public CaseChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DisputeStatus CurrentStatus { get; }
}
