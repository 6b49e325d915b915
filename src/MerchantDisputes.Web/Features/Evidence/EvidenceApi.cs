using System.Security.Claims;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MerchantDisputes.Web.Features.Evidence;

public sealed record EvidenceDto(
    Guid Id,
    Guid DisputeId,
    string Caption,
    string Format,
    int Width,
    int Height,
    long OriginalBytes,
    long SanitizedBytes,
    string OriginalSha256,
    string SanitizedSha256,
    DateTimeOffset CreatedAt,
    bool? SeenInOtherMerchantsCase,
    string ContentUrl,
    string ThumbnailUrl,
    string? OriginalUrl,
    DateTimeOffset? PurgedAt = null,
    string? PurgedNotice = null);

public sealed record CaptionRequest(string? Caption);

/// <summary>Screenshot evidence: streamed upload, captions, removal while a draft, and authorised downloads.</summary>
public static class EvidenceApi
{
    public const string FileField = "file";
    public const string CaptionField = "caption";
    private const int MaxCaptionBytes = 4 * 1024;

    public static void AddEvidence(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dataDirectory = MerchantDisputes.Infrastructure.Data.PersistenceExtensions.DataDirectory(builder.Configuration, builder.Environment);
        builder.Services.AddEvidenceStore(builder.Configuration, dataDirectory);
        builder.Services.AddImageSanitizer(builder.Configuration);
        builder.Services.AddSingleton<SanitizeGate>();
        builder.Services.AddScoped<EvidenceService>();
        builder.Services.AddScoped<EvidenceBlobs>();
        builder.Services.AddScoped<EvidenceReader>();
    }

    public static void MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/disputes/{id:guid}/evidence").WithTags("Evidence")
            .RequireAuthorization(AccountsExtensions.ApiPolicy).DisableAntiforgery();
        cases.MapPost("/", Upload).WithName("UploadEvidence").RequireRateLimiting(Protection.Uploads)
            .WithSummary("Add a screenshot (multipart: file, caption) to a draft or to answer an information request. 201, or 200 when the same bytes are already on the case.")
            .Accepts<IFormFile>("multipart/form-data");
        cases.MapGet("/", List).WithName("ListEvidence").WithSummary("The case's evidence with its hashes.");

        var items = app.MapGroup("/api/v1/evidence/{evidenceId:guid}").WithTags("Evidence")
            .RequireAuthorization(AccountsExtensions.ApiPolicy).DisableAntiforgery();
        items.MapPut("/", Caption).WithName("CaptionEvidence").WithSummary("Change a caption while the case is a draft.");
        items.MapDelete("/", Remove).WithName("RemoveEvidence").WithSummary("Remove a screenshot while the case is a draft.");
        items.MapGet("/content", (Guid evidenceId, ClaimsPrincipal user, EvidenceReader reader, HttpContext http) =>
            reader.ServeAsync(user, evidenceId, EvidenceContainer.Sanitized, http)).WithName("EvidenceContent").WithSummary("The sanitized image.");
        items.MapGet("/thumbnail", (Guid evidenceId, ClaimsPrincipal user, EvidenceReader reader, HttpContext http) =>
            reader.ServeAsync(user, evidenceId, EvidenceContainer.Thumbnail, http)).WithName("EvidenceThumbnail").WithSummary("A thumbnail of at most 320 px a side.");
        items.MapGet("/original", (Guid evidenceId, ClaimsPrincipal user, EvidenceReader reader, HttpContext http) =>
            reader.ServeAsync(user, evidenceId, EvidenceContainer.Original, http)).WithName("EvidenceOriginal")
            .WithSummary("The bytes as uploaded, as an attachment: for the merchant, mediators and lawyers only.");
    }

    public static EvidenceDto ToDto(EvidenceItem item, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        var root = $"/api/v1/evidence/{item.Id}";
        return new EvidenceDto(
            item.Id, item.DisputeId, item.Caption, item.Format, item.Width, item.Height, item.OriginalBytes, item.SanitizedBytes,
            item.OriginalSha256, item.SanitizedSha256, item.CreatedAt, actor.IsStaff ? item.SeenInOtherMerchantsCase : null,
            root + "/content", root + "/thumbnail", EvidenceReader.MaySeeOriginals(actor) ? root + "/original" : null,
            item.PurgedAt, item.IsPurged ? Problems.Text("Evidence.Purged") : null);
    }

    private static async Task<Results<Created<EvidenceDto>, Ok<EvidenceDto>, ValidationProblem>> Upload(
        Guid id, HttpRequest request, ClaimsPrincipal user, EvidenceService evidence, IOptions<EvidenceLimits> limits, CancellationToken cancellationToken)
    {
        var actor = user.ToActor() ?? throw new DisputeNotFoundException();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problems.Validation(FileField, ErrorCodes.Required);
        }

        var result = await evidence.AddAsync(actor, id, ct => ReadUploadAsync(request.Body, boundary, limits.Value.MaxFileBytes, ct), cancellationToken);
        var dto = ToDto(result.Item, actor);
        return result.AlreadyPresent ? TypedResults.Ok(dto) : TypedResults.Created(dto.ContentUrl, dto);
    }

    /// <summary>
    /// Reads the multipart body section by section: the file is received whole into memory (at most the size limit, no
    /// form buffer on disk) before it may take a decode slot, however slowly it arrives.
    /// </summary>
    private static async Task<UploadInput> ReadUploadAsync(Stream body, string boundary, long maxBytes, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        EvidenceUpload? image = null;
        string? caption = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            var name = disposition is null ? null : HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (name == FileField && image is null)
            {
                image = await EvidenceUpload.ReceiveAsync(section.Body, maxBytes, cancellationToken);
            }
            else if (name == CaptionField)
            {
                caption = await ReadCaptionAsync(section.Body, cancellationToken);
            }
        }

        return image is null
            ? throw new DomainValidationException([new ValidationError(FileField, ErrorCodes.Required)])
            : new UploadInput(image, caption);
    }

    private static async Task<string> ReadCaptionAsync(Stream section, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxCaptionBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await section.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        if (read > MaxCaptionBytes)
        {
            throw new DomainValidationException([new ValidationError(CaptionField, ErrorCodes.TooLong, EvidenceItem.CaptionMaxLength)]);
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static async Task<Results<Ok<List<EvidenceDto>>, NotFound>> List(Guid id, ClaimsPrincipal user, EvidenceReader reader, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var items = actor is null ? null : await reader.ListAsync(actor, id, cancellationToken);
        return items is null ? TypedResults.NotFound() : TypedResults.Ok(items.Select(i => ToDto(i, actor!)).ToList());
    }

    private static async Task<Ok<EvidenceDto>> Caption(Guid evidenceId, CaptionRequest body, ClaimsPrincipal user, EvidenceService evidence, CancellationToken cancellationToken)
    {
        var actor = user.ToActor() ?? throw new DisputeNotFoundException();
        return TypedResults.Ok(ToDto(await evidence.CaptionAsync(actor, evidenceId, body.Caption, cancellationToken), actor));
    }

    private static async Task<NoContent> Remove(Guid evidenceId, ClaimsPrincipal user, EvidenceService evidence, CancellationToken cancellationToken)
    {
        var actor = user.ToActor() ?? throw new DisputeNotFoundException();
        await evidence.RemoveAsync(actor, evidenceId, cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>Reads evidence for people who may see the case; originals only for the merchant, mediators and lawyers.</summary>
public sealed class EvidenceReader(DisputesDbContext db, IEvidenceStore store)
{
    public static bool MaySeeOriginals(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Is(Roles.Merchant) || actor.Is(Roles.Mediator) || actor.Is(Roles.Lawyer);
    }

    public async Task<List<EvidenceItem>?> ListAsync(Actor actor, Guid disputeId, CancellationToken cancellationToken)
    {
        if (!await db.Disputes.Where(Domain.Authorisation.DisputeVisibility.For(actor)).AnyAsync(d => d.Id == disputeId, cancellationToken))
        {
            return null;
        }

        return await db.Evidence.AsNoTracking().Where(e => e.DisputeId == disputeId).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }

    public async Task<EvidenceItem?> FindAsync(Actor actor, Guid evidenceId, CancellationToken cancellationToken) =>
        await db.Evidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && db.Disputes.Where(Domain.Authorisation.DisputeVisibility.For(actor)).Any(d => d.Id == e.DisputeId))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Streams one blob with nosniff, a sandboxing CSP and a generated file name; 404 for anyone who may not see it.</summary>
    public async Task<IResult> ServeAsync(ClaimsPrincipal user, Guid evidenceId, EvidenceContainer container, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var actor = user.ToActor();
        var item = actor is null ? null : await FindAsync(actor, evidenceId, http.RequestAborted);
        if (item is null || (container == EvidenceContainer.Original && !MaySeeOriginals(actor!)))
        {
            return TypedResults.NotFound();
        }

        // The retention period of the ended case passed: the files are gone for good, the row and hashes stay.
        if (item.IsPurged)
        {
            return TypedResults.Problem(Problems.Text("Evidence.Purged.Detail"), statusCode: StatusCodes.Status410Gone, title: Problems.Text("Evidence.Purged"));
        }

        var blob = await store.OpenReadAsync(container, item.BlobName, http.RequestAborted);
        if (blob is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.RegisterForDisposeAsync(blob);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "private, max-age=3600";
        var original = container == EvidenceContainer.Original;
        var name = $"{item.Id:N}{(original ? "-original." + (item.OriginalFormat ?? "bin") : container == EvidenceContainer.Thumbnail ? "-thumb.jpg" : "." + item.Format)}";
        if (original)
        {
            // The bytes as uploaded may be anything (a polyglot, say): never let a browser render them.
            return TypedResults.Stream(blob.Content, "application/octet-stream", name);
        }

        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = name }.ToString();
        return TypedResults.Stream(blob.Content, blob.ContentType);
    }
}
