using System.Collections.Frozen;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Queries;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Disputes;

/// <param name="Search">Found by case number, order number or store name (<see cref="QueueSearch"/>).</param>
/// <param name="Mine">Only the cases the signed-in mediator has claimed.</param>
public sealed record DisputeFilter(
    DisputeStatus? Status, DisputeType? Type, string? Platform, int Page = 1, int PageSize = 20, string? Search = null, bool Mine = false)
{
    public const int MaxPageSize = 100;
}

/// <summary>Reads, always through <see cref="DisputeVisibility"/>, projected to DTOs.</summary>
public sealed class DisputeQueries(IServiceProvider services, ReadContexts reads)
{
    private DisputesDbContext RequestContext() => services.GetRequiredService<DisputesDbContext>();

    /// <summary>
    /// A page of the cases the person may see. <paramref name="totals"/> (the queue page) lets a staff list's total
    /// be a few seconds old instead of counting the whole queue on every view; the API passes none and stays exact.
    /// </summary>
    public async Task<PageOf<DisputeSummaryDto>> ListAsync(
        Actor actor, DisputeFilter filter, CancellationToken cancellationToken, QueueTotals? totals = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, DisputeFilter.MaxPageSize);
        var skip = (page - 1) * size;
        using var read = reads.Rent(RequestContext);
        var query = Filtered(read.Db, actor, filter);
        if (actor.Is(Roles.Merchant))
        {
            var newestFirst = query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id);
            return new PageOf<DisputeSummaryDto>(
                await SummariesAsync(read.Db, newestFirst, skip, size, cancellationToken), page, size, await query.CountAsync(cancellationToken));
        }

        // Staff work the nearest deadline first, cases without one after, each part by submission: two index ranges
        // (IX_Disputes_Queue) instead of one sort of every case, as "RespondBy IS NULL" first in one ORDER BY would be.
        var timed = query.Where(d => d.RespondBy != null);
        var untimed = query.Where(d => d.RespondBy == null);
        var items = await SummariesAsync(read.Db, timed.OrderBy(d => d.RespondBy).ThenBy(d => d.SubmittedAt).ThenBy(d => d.Id), skip, size, cancellationToken);

        // A part-filled page of the deadline range ends it, so its length gives the range's size without counting it;
        // only a page wholly past the range needs the count, to know where the cases without a deadline start.
        int? timedCount = items.Count < size && (items.Count > 0 || skip == 0) ? skip + items.Count : null;
        if (items.Count < size)
        {
            timedCount ??= await timed.CountAsync(cancellationToken);
            items.AddRange(await SummariesAsync(
                read.Db, untimed.OrderBy(d => d.SubmittedAt).ThenBy(d => d.Id), Math.Max(0, skip - timedCount.Value), size - items.Count, cancellationToken));
        }

        async Task<int> CountAsync() => (timedCount ?? await timed.CountAsync(cancellationToken)) + await untimed.CountAsync(cancellationToken);
        var total = totals is null ? await CountAsync() : await totals.GetAsync(actor, filter, CountAsync);
        return new PageOf<DisputeSummaryDto>(items, page, size, total);
    }

    private static Task<List<DisputeSummaryDto>> SummariesAsync(
        DisputesDbContext db, IQueryable<Dispute> ordered, int skip, int take, CancellationToken cancellationToken)
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
        if (!DetailByRole.TryGetValue(actor.Role, out var detail))
        {
            return null;
        }

        // Both queries on one open connection that keeps their compiled statements (ReadContexts).
        using var read = reads.Rent(RequestContext);
        var dispute = await detail(read.Db, id, actor.UserId ?? Guid.Empty, actor.PlatformId ?? -1, Infrastructure.Display.IsChinese(), cancellationToken);
        if (dispute is null)
        {
            return null;
        }

        var timeline = new List<TimelineEntryDto>(4);
        await foreach (var entry in TimelineOf(read.Db, id, WidestAudience(actor)).WithCancellation(cancellationToken))
        {
            timeline.Add(entry);
        }

        var merchant = SeesMerchant(actor) ? await MerchantOf(read.Db, id, cancellationToken) : null;
        return dispute with { Timeline = timeline, Merchant = merchant is null ? null : FiledBy(dispute, merchant, actor) };
    }

    /// <summary>Who sees who filed a case: the channel's staff and the platform's agents, never a merchant.</summary>
    public static bool SeesMerchant(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsStaff || actor.Is(Roles.PlatformAgent);
    }

    private static CaseMerchantDto FiledBy(DisputeDto dispute, MerchantRow merchant, Actor actor) =>
        new(merchant.StoreName, dispute.FrozenFunds?.StoreId ?? dispute.ForcedFee?.StoreId ?? merchant.StoreId, dispute.Region, actor.IsStaff ? merchant.Email : null)
        {
            ProfileStamp = merchant.Stamp,
        };

    private sealed record MerchantRow(string? StoreName, string? StoreId, string? Email, string? Stamp);

    private static readonly Func<DisputesDbContext, Guid, CancellationToken, Task<MerchantRow?>> MerchantOf =
        EF.CompileAsyncQuery((DisputesDbContext db, Guid id, CancellationToken cancellationToken) => db.Disputes.AsNoTracking()
            .Where(d => d.Id == id)
            .Join(db.Users, d => d.MerchantId, u => u.Id, (d, u) => new MerchantRow(u.StoreName, u.StoreId, u.Email, u.ConcurrencyStamp))
            .FirstOrDefault());

    /// <summary>
    /// The case as a cached answer is checked against (<see cref="DetailAnswers"/>), read with one small statement
    /// (<see cref="CaseVersionReader"/>); null when it does not exist. It says nothing about who may see it:
    /// <see cref="CaseVersion.IsVisibleTo"/> does.
    /// </summary>
    public async ValueTask<CaseVersion?> VersionAsync(Guid id, CancellationToken cancellationToken)
    {
        using var read = reads.Rent(RequestContext);
        var versions = CaseVersionReader.For(read.Db);
        return await read.FirstRowAsync(versions.Sql, command => versions.Bind(command, id), versions.Read, cancellationToken);
    }

    /// <summary>
    /// The one shape of a case in the API: read as columns by the detail query (inlined into it) and applied to a
    /// loaded case by <see cref="ToDto"/>, so the two cannot drift apart. Declared before the queries that inline it
    /// (static fields start in the order they are written).
    /// </summary>
    private static readonly Expression<Func<Dispute, Platform, bool, DisputeDto>> Shape = (d, p, zh) => new DisputeDto
    {
        Id = d.Id,
        CaseNumber = d.CaseNumber,
        Platform = p.Slug,
        PlatformName = zh ? p.NameZh : p.NameEn,
        Type = d.Type,
        Title = d.Title,
        TitleIsPublic = d.TitleIsPublic,
        TitleApprovedAt = d.TitleApprovedAt,
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
        DeadlineWindow = d.DeadlineWindow,
        RemindedAt = d.RemindedAt,
        FinalNoticeAt = d.FinalNoticeAt,
        RespondedAt = d.RespondedAt,
        Outcome = d.Outcome,
        MerchantScore = d.MerchantScore,
        Contested = d.Contested,
        RefundOnly = d.RefundOnly,
        FrozenFunds = d.FrozenFunds,
        ForcedFee = d.ForcedFee,
    };

    private static readonly Func<Dispute, Platform, bool, DisputeDto> ShapeLoaded = Shape.Compile();

    /// <summary>
    /// The case with its platform, one compiled query per role: LINQ translated per call cost more than the SQLite
    /// read itself (docs/performance.md). Each selects only the columns the answer shows; on SQLite its statement is
    /// compiled once per pooled connection (<see cref="ReadContexts"/>).
    /// </summary>
    private static readonly Expression<Func<DisputesDbContext, Guid, Guid, int, bool, CancellationToken, DisputeDto?>> DetailQuery =
        ExpressionInlining.Inline<Func<DisputesDbContext, Guid, Guid, int, bool, CancellationToken, DisputeDto?>>(
            (db, id, userId, platformId, zh, cancellationToken) => db.Disputes.AsNoTracking()
                .Where(d => d.Id == id && DisputeVisibility.Allows(d, userId, platformId))
                .Join(db.Platforms, d => d.PlatformId, p => p.Id, (d, p) => Shaped(d, p, zh))
                .FirstOrDefault(),
            typeof(DisputeQueries).GetMethod(nameof(Shaped), BindingFlags.NonPublic | BindingFlags.Static)!,
            Shape);

    private static readonly FrozenDictionary<string, Func<DisputesDbContext, Guid, Guid, int, bool, CancellationToken, Task<DisputeDto?>>> DetailByRole =
        Roles.All.ToFrozenDictionary(role => role, role => EF.CompileAsyncQuery(DisputeVisibility.Apply(DetailQuery, role)), StringComparer.Ordinal);

    private static readonly Func<DisputesDbContext, Guid, TimelineAudience, IAsyncEnumerable<TimelineEntryDto>> TimelineOf =
        EF.CompileAsyncQuery((DisputesDbContext db, Guid id, TimelineAudience widest) => db.TimelineEntries.AsNoTracking()
            .Where(e => e.DisputeId == id)
            .OrderBy(e => e.Sequence)
            .Select(e => e.Audience <= widest
                ? new TimelineEntryDto(
                    e.Sequence, e.Kind, e.ActorRole, e.OccurredAt, TimelineEntry.ParseData(e.DataJson), e.Audience, e.PreviousHash, e.Hash, false)
                : TimelineEntryDto.WithheldEntry(e.Sequence, e.PreviousHash, e.Hash)));

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
        return ShapeLoaded(d, platform, Infrastructure.Display.IsChinese());
    }

    /// <summary>Stands for <see cref="Shape"/> inside a query; <see cref="ExpressionInlining"/> replaces it before EF sees it.</summary>
    private static DisputeDto Shaped(Dispute d, Platform p, bool zh) => throw new NotSupportedException("Only inside a query given to ExpressionInlining.");

    private static IQueryable<Dispute> Filtered(DisputesDbContext db, Actor actor, DisputeFilter filter)
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

        if (QueueSearch.Normalise(filter.Search) is { } term)
        {
            query = QueueSearch.Apply(query, db, term);
        }

        if (filter.Mine)
        {
            var me = actor.UserId ?? Guid.Empty;
            query = query.Where(d => d.AssignedMediatorId == me);
        }

        return query;
    }

    /// <summary>Every case of the staff list's order that matches, up to <paramref name="limit"/>, for the CSV export.</summary>
    public async Task<List<DisputeSummaryDto>> ExportAsync(Actor actor, DisputeFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        using var read = reads.Rent(RequestContext);
        var query = Filtered(read.Db, actor, filter);
        var items = await SummariesAsync(
            read.Db, query.Where(d => d.RespondBy != null).OrderBy(d => d.RespondBy).ThenBy(d => d.SubmittedAt).ThenBy(d => d.Id), 0, limit, cancellationToken);
        if (items.Count < limit)
        {
            items.AddRange(await SummariesAsync(
                read.Db, query.Where(d => d.RespondBy == null).OrderBy(d => d.SubmittedAt).ThenBy(d => d.Id), 0, limit - items.Count, cancellationToken));
        }

        return items;
    }
}
