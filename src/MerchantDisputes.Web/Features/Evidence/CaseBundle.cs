using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Disputes;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Evidence;

/// <summary>
/// GET /api/v1/disputes/{id}/bundle: a ZIP a lawyer can hand to a court. The timeline with each entry's canonical
/// form and hash, every evidence file as uploaded and as sanitized, the printable case summary (summary.html), a
/// sha256sum manifest, and a README on checking them. The case page's link is GET /Disputes/{id}/bundle: the same
/// answer under the same rule, signed in with the pages' cookie.
/// </summary>
public static class CaseBundle
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapCaseBundle(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/disputes/{id:guid}/bundle", DownloadAsync)
            .RequireAuthorization(AccountsExtensions.ApiPolicy)
            .WithTags("Lawyers")
            .WithName("CaseBundle")
            .WithSummary("A ZIP of the timeline, every evidence file, the case summary and a SHA-256 manifest (lawyers and mediators).");

        // The pages' door: outside /api, so a signed-out browser is sent to the sign-in page rather than answered 401.
        app.MapGet("/Disputes/{id:guid}/bundle", DownloadAsync).RequireAuthorization().ExcludeFromDescription();
    }

    /// <summary>Who may take a bundle of a case they may see.</summary>
    public static bool MayTake(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Is(Roles.Lawyer) || actor.Is(Roles.Mediator);
    }

    private static async Task<IResult> DownloadAsync(
        Guid id, ClaimsPrincipal user, DisputesDbContext db, IEvidenceStore store, CaseSummaries summaries, HttpContext http)
    {
        var actor = user.ToActor();
        var dispute = actor is null ? null : await db.Disputes.AsNoTracking().Where(DisputeVisibility.For(actor)).SingleOrDefaultAsync(d => d.Id == id, http.RequestAborted);
        if (dispute is null)
        {
            return TypedResults.NotFound();
        }

        if (!MayTake(actor!))
        {
            return Infrastructure.Problems.Forbidden();
        }

        var summary = await summaries.FindAsync(actor!, id, http.RequestAborted);
        var html = summary is null ? null : await summaries.RenderAsync(summary, http);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await WriteAsync(file, dispute, html, db, store, http.RequestAborted);
        file.Position = 0;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file, "application/zip", $"{dispute.CaseNumber}-bundle.zip");
    }

    private static async Task WriteAsync(Stream target, Dispute dispute, string? summary, DisputesDbContext db, IEvidenceStore store, CancellationToken cancellationToken)
    {
        var manifest = new StringBuilder();
        using (var zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            var timeline = await db.TimelineEntries.AsNoTracking().Where(e => e.DisputeId == dispute.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
            var entries = timeline.Select(e => new { e.Sequence, e.Kind, e.ActorRole, e.OccurredAt, e.Audience, e.PreviousHash, e.Hash, Canonical = e.CanonicalContent() });
            await AddAsync(zip, manifest, "timeline.json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
            {
                dispute.CaseNumber, DisputeId = dispute.Id, Status = dispute.Status.ToString(), Entries = entries,
            }, Json)), cancellationToken);

            var evidence = await db.Evidence.AsNoTracking().Where(e => e.DisputeId == dispute.Id).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            var n = 0;
            foreach (var item in evidence)
            {
                var folder = string.Create(CultureInfo.InvariantCulture, $"evidence/{++n:D2}-{item.Id:N}");
                if (item.PurgedAt is { } purgedAt)
                {
                    // Past the retention period the files are gone; their hashes stay in the timeline and here.
                    await AddAsync(zip, manifest, $"{folder}/purged.json", JsonSerializer.SerializeToUtf8Bytes(new
                    {
                        PurgedAt = purgedAt, item.OriginalSha256, item.SanitizedSha256, Note = "已按保留期限删除 / deleted at the end of the retention period",
                    }, Json), cancellationToken);
                    continue;
                }

                await AddBlobAsync(zip, manifest, store, EvidenceContainer.Original, item.BlobName, $"{folder}/original.{item.OriginalFormat ?? "bin"}", cancellationToken);
                await AddBlobAsync(zip, manifest, store, EvidenceContainer.Sanitized, item.BlobName, $"{folder}/sanitized.{item.Format}", cancellationToken);
            }

            if (summary is not null)
            {
                await AddAsync(zip, manifest, "summary.html", Encoding.UTF8.GetBytes(summary), cancellationToken);
            }

            await AddAsync(zip, null, "manifest.sha256", Encoding.UTF8.GetBytes(manifest.ToString()), cancellationToken);
            await AddAsync(zip, null, "README.txt", Encoding.UTF8.GetBytes(Readme(dispute.CaseNumber)), cancellationToken);
        }
    }

    private static async Task AddBlobAsync(ZipArchive zip, StringBuilder manifest, IEvidenceStore store, EvidenceContainer container, string blobName, string path, CancellationToken cancellationToken)
    {
        await using var blob = await store.OpenReadAsync(container, blobName, cancellationToken)
            ?? throw new InvalidOperationException($"Evidence blob {blobName} is missing from {container}.");
        using var buffer = new MemoryStream();
        await blob.Content.CopyToAsync(buffer, cancellationToken);
        await AddAsync(zip, manifest, path, buffer.ToArray(), cancellationToken);
    }

    private static async Task AddAsync(ZipArchive zip, StringBuilder? manifest, string path, byte[] bytes, CancellationToken cancellationToken)
    {
        manifest?.Append(CultureInfo.InvariantCulture, $"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  {path}\n");
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private static string Readme(string caseNumber) => $"""
        {caseNumber} — evidence bundle / 证据包

        Files / 文件
          timeline.json       every step of the case, in order, with each entry's canonical form and SHA-256 hash
                              案件时间线：每一步的规范化内容及其 SHA-256
          evidence/NN-ID/     original.* = the bytes as the merchant uploaded them; sanitized.* = the copy shown in the app
                              original.* 为商家上传的原始文件；sanitized.* 为系统展示的净化副本
          summary.html        the case on one printable page (open in any browser; it loads nothing): the case, the
                              parties, the evidence with its SHA-256 hashes, the timeline and the legal opinions
                              案件摘要（可打印，浏览器直接打开，不加载任何外部资源）
          manifest.sha256     the SHA-256 of every file above / 以上每个文件的 SHA-256

        1. Check the files / 校验文件
             sha256sum -c manifest.sha256          (Linux)
             shasum -a 256 -c manifest.sha256      (macOS)
           Every line must say OK. 每一行都应显示 OK。
           The hash of each original also appears in the timeline entry "EvidenceAdded" (originalSha256).

        2. Check the timeline chain / 校验时间线哈希链
           Each entry's hash = SHA-256 of (previousHash + "\n" + canonical), in UTF-8; the first previousHash is 64 zeros.
           每条记录的 hash = SHA-256(上一条的 hash + 换行 + canonical)，第一条的上一条 hash 为 64 个 0。
             python3 -c "import json,hashlib;t=json.load(open('timeline.json',encoding='utf-8'));p='0'*64
             for e in t['Entries']:
                 h=hashlib.sha256((p+'\n'+e['Canonical']).encode()).hexdigest();print(e['Sequence'],'OK' if h==e['Hash'] and e['PreviousHash']==p else 'BROKEN');p=h"
           The app's own check: GET /api/v1/disputes/<id>/timeline/verify
           Audience says who may read an entry (Staff: internal notes; MerchantAndStaff: legal opinions). A merchant or
           platform sees an entry outside its audience as "内部记录（内容不公开）" with these same hashes.
           Audience 表示谁可以阅读该记录；商家或平台看到的不公开记录只显示其哈希，与此处一致。
        """;
}
