using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Disputes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Privacy;

/// <summary>
/// Everything the app holds about one person, as one ZIP (PIPL art. 45): the profile, the sign-in history, the
/// notifications and, for a merchant, each case with its timeline as they see it, its messages, and every evidence
/// file as uploaded and as sanitized. Written straight to the response, one file at a time, never whole in memory;
/// manifest.json lists every file with its size and SHA-256, README.txt explains them in Chinese and English.
/// </summary>
public sealed class DataExport(DisputesDbContext db, UserManager<ApplicationUser> users, DisputeQueries queries, IEvidenceStore store, TimeProvider clock)
{
    private const int CopyBuffer = 81920;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string FileName(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"my-data-{Domain.Time.ChinaTime.ToChina(now):yyyyMMdd-HHmm}.zip");

    public async Task WriteAsync(Stream target, ApplicationUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var files = new List<ManifestFile>();
        var now = clock.GetUtcNow();
        await using var sink = new AsyncWriteStream(target);
        var zip = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8, cancellationToken);
        var roles = await users.GetRolesAsync(user);
        await AddJsonAsync(zip, files, "profile.json", await ProfileAsync(user, roles, cancellationToken), cancellationToken);
        await AddJsonAsync(zip, files, "sign-ins.json", await SignInsAsync(user.Id, cancellationToken), cancellationToken);
        await AddJsonAsync(zip, files, "notifications.json", await NotificationsAsync(user.Id, cancellationToken), cancellationToken);
        var cases = roles.Contains(Roles.Merchant) ? await AddCasesAsync(zip, files, user.Id, cancellationToken) : 0;
        await AddJsonAsync(zip, null, "manifest.json", new
        {
            Format = "merchantdisputes-export/1",
            GeneratedAt = now,
            AccountId = user.Id,
            Cases = cases,
            Files = files,
        }, cancellationToken);
        await AddAsync(zip, null, "README.txt", Encoding.UTF8.GetBytes(Readme(now)), cancellationToken);
        await zip.DisposeAsync();
        await sink.FlushAsync(cancellationToken);
    }

    private async Task<object> ProfileAsync(ApplicationUser user, IList<string> roles, CancellationToken cancellationToken)
    {
        var platform = user.PlatformId is { } id
            ? await db.Platforms.AsNoTracking().Where(p => p.Id == id).Select(p => p.Slug).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new
        {
            user.Id, user.Email, user.EmailConfirmed, user.PhoneNumber, user.DisplayName, user.StoreName, user.Province, user.Gender,
            Roles = roles.Order(StringComparer.Ordinal), Platform = platform, user.CreatedAt, user.TwoFactorEnabled, user.LockoutEnd,
        };
    }

    private async Task<object> SignInsAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.SignInEvents.AsNoTracking().Where(e => e.UserId == userId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new { e.At, e.Outcome, e.Method, e.ViaApi, e.IpAddress, e.UserAgent })
            .ToListAsync(cancellationToken);

    private async Task<object> NotificationsAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.CreatedAt)
            .Select(n => new { n.CaseNumber, n.DisputeId, n.Kind, n.Detail, n.CreatedAt, n.ReadAt })
            .ToListAsync(cancellationToken);

    /// <returns>How many cases were written.</returns>
    private async Task<int> AddCasesAsync(ZipArchive zip, List<ManifestFile> files, Guid merchantId, CancellationToken cancellationToken)
    {
        var merchant = Actor.Merchant(merchantId);
        var ids = await db.Disputes.AsNoTracking().Where(d => d.MerchantId == merchantId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            // The case and its timeline exactly as the merchant reads them in the app: internal notes stay out.
            if (await queries.FindAsync(merchant, id, cancellationToken) is not { } dispute)
            {
                continue;
            }

            var folder = $"cases/{dispute.CaseNumber}";
            await AddJsonAsync(zip, files, $"{folder}/case.json", dispute, cancellationToken);
            var messages = (dispute.Timeline ?? []).Where(e => e.Data.ContainsKey("body") || e.Data.ContainsKey("message")).ToList();
            await AddJsonAsync(zip, files, $"{folder}/messages.json", messages, cancellationToken);
            await AddEvidenceAsync(zip, files, id, folder, cancellationToken);
        }

        return ids.Count;
    }

    private async Task AddEvidenceAsync(ZipArchive zip, List<ManifestFile> files, Guid disputeId, string folder, CancellationToken cancellationToken)
    {
        var items = await db.Evidence.AsNoTracking().Where(e => e.DisputeId == disputeId).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var listed = new List<object>();
        var n = 0;
        foreach (var item in items)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{folder}/evidence/{++n:D2}-{item.Id:N}");
            var original = $"{path}/original.{item.OriginalFormat ?? "bin"}";
            var sanitized = $"{path}/sanitized.{item.Format}";
            if (!item.IsPurged)
            {
                await AddBlobAsync(zip, files, EvidenceContainer.Original, item.BlobName, original, cancellationToken);
                await AddBlobAsync(zip, files, EvidenceContainer.Sanitized, item.BlobName, sanitized, cancellationToken);
            }

            listed.Add(new
            {
                item.Id, item.Caption, item.CreatedAt, item.Width, item.Height, item.OriginalBytes, item.OriginalSha256, item.SanitizedSha256,
                item.PurgedAt,
                Original = item.IsPurged ? null : original,
                Sanitized = item.IsPurged ? null : sanitized,
                Note = item.IsPurged ? "已按保留期限删除 / deleted at the end of the retention period" : null,
            });
        }

        await AddJsonAsync(zip, files, $"{folder}/evidence.json", listed, cancellationToken);
    }

    /// <summary>Copies a blob into the archive in buffer-sized pieces, hashing as it goes.</summary>
    private async Task AddBlobAsync(ZipArchive zip, List<ManifestFile> files, EvidenceContainer container, string blobName, string path, CancellationToken cancellationToken)
    {
        await using var blob = await store.OpenReadAsync(container, blobName, cancellationToken);
        if (blob is null)
        {
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var entry = zip.CreateEntry(path, CompressionLevel.NoCompression);
        long length = 0;
        var buffer = new byte[CopyBuffer];
        await using (var stream = await entry.OpenAsync(cancellationToken))
        {
            int read;
            while ((read = await blob.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                length += read;
            }
        }

        files.Add(new ManifestFile(path, length, Convert.ToHexStringLower(hash.GetHashAndReset())));
    }

    private static Task AddJsonAsync(ZipArchive zip, List<ManifestFile>? files, string path, object value, CancellationToken cancellationToken) =>
        AddAsync(zip, files, path, JsonSerializer.SerializeToUtf8Bytes(value, Json), cancellationToken);

    private static async Task AddAsync(ZipArchive zip, List<ManifestFile>? files, string path, byte[] bytes, CancellationToken cancellationToken)
    {
        files?.Add(new ManifestFile(path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private static string Readme(DateTimeOffset now) => $"""
        我的数据 / My data — 商家申诉通 MerchantDisputes
        导出时间 / exported at: {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC

        这是本平台保存的关于您的全部数据（《个人信息保护法》第四十五条）。
        This is everything the app holds about you (PIPL, article 45).

        profile.json            账户资料：邮箱、姓名、店铺、省份、性别、角色、注册时间
                                your account: e-mail, name, store, province, gender, roles, when you registered
        sign-ins.json           登录记录（时间、结果、方式、IP 地址、设备），保留 180 天
                                sign-in attempts (time, outcome, method, address, device), kept 180 days
        notifications.json      站内通知 / in-app notifications
        cases/<案件编号>/        每个案件一个文件夹 / one folder per case:
          case.json             案件内容及您可见的时间线 / the case and its timeline as you see it
          messages.json         时间线中的留言 / the messages in that timeline
          evidence.json         证据清单及 SHA-256 / the evidence list with SHA-256 hashes
          evidence/NN-ID/       original.* = 您上传的原始文件；sanitized.* = 系统展示的净化副本
                                original.* = the bytes you uploaded; sanitized.* = the copy shown in the app
        manifest.json           以上每个文件的大小和 SHA-256 / the size and SHA-256 of every file above

        已结案超过保留期限（默认 3 年）的证据文件已删除，清单中保留其哈希值并注明"已按保留期限删除"。
        Evidence files of cases that ended more than the retention period ago (3 years by default) were deleted;
        the list keeps their hashes, marked "deleted at the end of the retention period".

        说明 / more: docs/privacy.md
        """;

    private sealed record ManifestFile(string Path, long Bytes, string Sha256);
}
