using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>Changes to disputes, shared by the API and the pages. The aggregate decides; this loads and saves.</summary>
public sealed class DisputeCommands(DisputesDbContext db, TimeProvider clock)
{
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
        var region = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Province).SingleOrDefaultAsync(cancellationToken);
        if (string.IsNullOrEmpty(region))
        {
            throw new DomainValidationException([new ValidationError("province", ErrorCodes.Required)]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var number = await CaseNumberAllocator.NextAsync(db, now, cancellationToken);
        var dispute = Dispute.Open(number, actor.UserId!.Value, region, content, now);
        db.Disputes.Add(dispute);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return dispute;
    }

    public async Task<Dispute> EditDraftAsync(Actor actor, Guid id, DisputeInput input, int? expectedVersion, CancellationToken cancellationToken)
    {
        var dispute = await LoadAsync(actor, id, expectedVersion, cancellationToken);
        dispute.Guard(DisputeAction.EditDraft, actor);
        var now = clock.GetUtcNow();
        var content = await ValidateAsync(input, now, cancellationToken);
        dispute.EditDraft(content, actor, now);
        await db.SaveChangesAsync(cancellationToken);
        return dispute;
    }

    public async Task<Dispute> WithdrawAsync(Actor actor, Guid id, string? reason, int? expectedVersion, CancellationToken cancellationToken)
    {
        var dispute = await LoadAsync(actor, id, expectedVersion, cancellationToken);
        var errors = new ValidationErrors();
        errors.OptionalText("reason", reason, DisputeContent.ReasonMaxLength);
        errors.ThrowIfAny();
        dispute.Withdraw(actor, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return dispute;
    }

    /// <summary>Loads a case the actor may see, tracked for change; a stale version is a conflict.</summary>
    public async Task<Dispute> LoadAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var dispute = await db.Disputes.Where(DisputeVisibility.For(actor)).SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new DisputeNotFoundException();
        if (expectedVersion is { } version && version != dispute.Version)
        {
            throw new DbUpdateConcurrencyException(Problems.Text("Problem.Concurrency"));
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
