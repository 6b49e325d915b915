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
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, DisputeFilter.MaxPageSize);
        var skip = (page - 1) * size;
        var query = Filtered(actor, filter);
        if (actor.Is(Roles.Merchant))
        {
            var newestFirst = query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id);
            return new PageOf<DisputeSummaryDto>(
                await SummariesAsync(newestFirst, skip, size, cancellationToken), page, size, await query.CountAsync(cancellationToken));
        }

        // Staff work the nearest deadline first, cases without one after, each part by submission: two index ranges
        // (IX_Disputes_Queue) instead of one sort of every case, as "RespondBy IS NULL" first in one ORDER BY would be.
        var timed = query.Where(d => d.RespondBy != null);
        var timedCount = await timed.CountAsync(cancellationToken);
        var untimed = query.Where(d => d.RespondBy == null);
        var items = skip < timedCount
            ? await SummariesAsync(timed.OrderBy(d => d.RespondBy).ThenBy(d => d.SubmittedAt).ThenBy(d => d.Id), skip, size, cancellationToken)
            : [];
        if (items.Count < size)
        {
            items.AddRange(await SummariesAsync(
                untimed.OrderBy(d => d.SubmittedAt).ThenBy(d => d.Id), Math.Max(0, skip - timedCount), size - items.Count, cancellationToken));
        }

        return new PageOf<DisputeSummaryDto>(items, page, size, timedCount + await untimed.CountAsync(cancellationToken));
    }

    private Task<List<DisputeSummaryDto>> SummariesAsync(IQueryable<Dispute> ordered, int skip, int take, CancellationToken cancellationToken)
    {
        var zh = Infrastructure.Display.IsChinese();
        return ordered
            .Skip(skip)
            .Take(take)
            .Join(db.Platforms, d => d.PlatformId, p => p.Id, (d, p) => new DisputeSummaryDto(
                d.Id, d.CaseNumber, p.Slug, zh ? p.NameZh : p.NameEn, d.Type, d.Title, d.Amount, d.Currency,
                d.Status, d.EscalationLevel, d.RespondBy, d.CreatedAt, d.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<DisputeDto?> FindAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // The case and its platform in one round trip, then the timeline: two queries for the hottest read.
        var found = await db.Disputes.AsNoTracking()
            .Where(DisputeVisibility.For(actor))
            .Where(d => d.Id == id)
            .Join(db.Platforms, d => d.PlatformId, p => p.Id, (d, p) => new { Dispute = d, Platform = p })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var (dispute, platform) = (found.Dispute, found.Platform);
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
}
