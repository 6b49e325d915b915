using System.Globalization;
using MerchantDisputes.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Platforms;

public sealed record PlatformDto(string Slug, string Name, string NameZh, string NameEn);

public sealed record ProvinceDto(string Code, string Name);

/// <summary>Reference lists that forms and clients need: platforms and provinces.</summary>
public static class PlatformsApi
{
    public static void MapPlatformsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Reference").AllowAnonymous();
        group.MapGet("/platforms", ListPlatforms).WithName("ListPlatforms").WithSummary("Active platforms a dispute may name.");
        group.MapGet("/provinces", ListProvinces).WithName("ListProvinces").WithSummary("The 34 provincial-level divisions (ISO 3166-2:CN).");
    }

    private static async Task<Ok<List<PlatformDto>>> ListPlatforms(DisputesDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ActiveAsync(db, cancellationToken));

    public static async Task<List<PlatformDto>> ActiveAsync(DisputesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zh = Infrastructure.Display.IsChinese();
        return await db.Platforms.AsNoTracking()
            .Where(p => p.IsActive)
            .OrderBy(p => p.Id)
            .Select(p => new PlatformDto(p.Slug, zh ? p.NameZh : p.NameEn, p.NameZh, p.NameEn))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every platform, active or not, for filters over cases that already exist.</summary>
    public static async Task<List<PlatformDto>> AllAsync(DisputesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zh = Infrastructure.Display.IsChinese();
        return await db.Platforms.AsNoTracking()
            .OrderBy(p => p.Id)
            .Select(p => new PlatformDto(p.Slug, zh ? p.NameZh : p.NameEn, p.NameZh, p.NameEn))
            .ToListAsync(cancellationToken);
    }

    private static Ok<List<ProvinceDto>> ListProvinces() =>
        TypedResults.Ok(Domain.Geography.Provinces.All
            .Select(p => new ProvinceDto(p.Code, p.Name(CultureInfo.CurrentUICulture)))
            .ToList());
}
