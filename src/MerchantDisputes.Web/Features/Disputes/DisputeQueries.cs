using System.Globalization;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Disputes;

public sealed record DisputeFilter(DisputeStatus? Status, DisputeType? Type, string? Platform, int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;
}

/// <summary>Reads, always through <see cref="DisputeVisibility"/>, projected to DTOs.</summary>
public sealed class DisputeQueries(DisputesDbContext db)
{
    public async Task<PageOf<DisputeSummaryDto>> ListAsync(Actor actor, DisputeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, DisputeFilter.MaxPageSize);
        var query = Filtered(actor, filter);
        var total = await query.CountAsync(cancellationToken);
        var zh = Infrastructure.Display.IsChinese();
        var items = await Ordered(actor, query)
            .Skip((page - 1) * size)
            .Take(size)
            .Join(db.Platforms, d => d.PlatformId, p => p.Id, (d, p) => new DisputeSummaryDto(
                d.Id, d.CaseNumber, p.Slug, zh ? p.NameZh : p.NameEn, d.Type, d.Title, d.Amount, d.Currency,
                d.Status, d.EscalationLevel, d.RespondBy, d.CreatedAt, d.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new PageOf<DisputeSummaryDto>(items, page, size, total);
    }

    public async Task<DisputeDto?> FindAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var dispute = await db.Disputes.AsNoTracking()
            .Where(DisputeVisibility.For(actor))
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dispute is null)
        {
            return null;
        }

        var platform = await db.Platforms.AsNoTracking().SingleAsync(p => p.Id == dispute.PlatformId, cancellationToken);
        var widest = WidestAudience(actor);
        var timeline = await db.TimelineEntries.AsNoTracking()
            .Where(e => e.DisputeId == id && e.Audience <= widest)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return ToDto(dispute, platform) with
        {
            Timeline = timeline
                .Select(e => new TimelineEntryDto(e.Sequence, e.Kind, e.ActorRole, e.OccurredAt, e.Data(), e.Audience, e.PreviousHash, e.Hash))
                .ToList(),
        };
    }

    /// <summary>Staff read every entry; merchants all but internal notes; platform agents only what is for everyone.</summary>
    public static TimelineAudience WidestAudience(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsStaff ? TimelineAudience.Staff
            : actor.Is(Roles.Merchant) ? TimelineAudience.MerchantAndStaff
            : TimelineAudience.Everyone;
    }

    public static DisputeDto ToDto(Dispute d, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(platform);
        return new DisputeDto
        {
            Id = d.Id,
            CaseNumber = d.CaseNumber,
            Platform = platform.Slug,
            PlatformName = platform.Name(CultureInfo.CurrentUICulture),
            Type = d.Type,
            Title = d.Title,
            TitleIsPublic = d.TitleIsPublic,
            Narrative = d.Narrative,
            Amount = d.Amount,
            Currency = d.Currency,
            DesiredOutcome = d.DesiredOutcome,
            Region = d.Region,
            Status = d.Status,
            EscalationLevel = d.EscalationLevel,
            RespondBy = d.RespondBy,
            Rating = d.Rating,
            CreatedAt = d.CreatedAt,
            UpdatedAt = d.UpdatedAt,
            SubmittedAt = d.SubmittedAt,
            Version = d.Version,
            ForwardedAt = d.ForwardedAt,
            DeadlineAt = d.DeadlineAt,
            RespondedAt = d.RespondedAt,
            Outcome = d.Outcome,
            MerchantScore = d.MerchantScore,
            Contested = d.Contested,
            RefundOnly = d.RefundOnly,
            FrozenFunds = d.FrozenFunds,
            ForcedFee = d.ForcedFee,
        };
    }

    private IQueryable<Dispute> Filtered(Actor actor, DisputeFilter filter)
    {
        var query = db.Disputes.AsNoTracking().Where(DisputeVisibility.For(actor));
        if (filter.Status is { } status)
        {
            query = query.Where(d => d.Status == status);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(d => d.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(filter.Platform))
        {
            var slug = filter.Platform.Trim();
            query = query.Where(d => db.Platforms.Any(p => p.Id == d.PlatformId && p.Slug == slug));
        }

        return query;
    }

    /// <summary>Merchants see their newest cases first; staff work the nearest deadline first.</summary>
    private static IQueryable<Dispute> Ordered(Actor actor, IQueryable<Dispute> query) =>
        actor.Is(Roles.Merchant)
            ? query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            : query.OrderBy(d => d.RespondBy == null).ThenBy(d => d.RespondBy).ThenBy(d => d.SubmittedAt).ThenBy(d => d.Id);

}
