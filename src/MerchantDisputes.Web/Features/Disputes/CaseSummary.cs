using System.Globalization;
using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Evidence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// A case on one printable page: the facts, the parties as the reader may see them, the evidence with its SHA-256
/// hashes, the timeline the reader may see and the legal opinions. The page /Disputes/{id}/summary and the bundle's
/// summary.html are the same view (_CaseSummary.cshtml), a document with its styles inside and nothing fetched.
/// </summary>
public sealed record CaseSummary(DisputeDto Dispute, IReadOnlyList<EvidenceItem> Evidence, DateTimeOffset PrintedAt, string Css)
{
    /// <summary>Shown in the app (a way back and a print button) rather than saved into a bundle.</summary>
    public bool IsPage { get; init; }

    public IReadOnlyList<TimelineEntryDto> Timeline => Dispute.Timeline ?? [];

    public IReadOnlyList<TimelineEntryDto> Opinions => Timeline.Where(e => e.Kind == LegalOpinionKind).ToList();

    public const string LegalOpinionKind = "LegalOpinion";

    /// <summary>An instant in China Standard Time with its zone named, as a printed record needs: 2026-12-03 16:40 UTC+8.</summary>
    public static string Instant(DateTimeOffset? instant) => instant is { } value
        ? ChinaTime.ToChina(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC+8"
        : "—";
}

/// <summary>Reads a <see cref="CaseSummary"/> for a reader and renders it to HTML outside a page (the bundle's copy).</summary>
public sealed class CaseSummaries(
    DisputeQueries queries, EvidenceReader evidence, TimeProvider clock, SummaryStyle style, IRazorViewEngine views, ITempDataProvider tempData)
{
    public const string ViewPath = "/Features/Disputes/_CaseSummary.cshtml";

    /// <summary>The case as <paramref name="actor"/> may see it, or null when they may not see it at all.</summary>
    public async Task<CaseSummary?> FindAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var dispute = await queries.FindAsync(actor, id, cancellationToken);
        var items = dispute is null ? null : await evidence.ListAsync(actor, id, cancellationToken);
        return dispute is null || items is null ? null : new CaseSummary(dispute, items, clock.GetUtcNow(), style.Css);
    }

    /// <summary>The summary as a whole HTML document, rendered by the same view as the page.</summary>
    public async Task<string> RenderAsync(CaseSummary summary, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var view = views.GetView(executingFilePath: null, ViewPath, isMainPage: false).EnsureSuccessful([]).View!;
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var data = new ViewDataDictionary<CaseSummary>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = summary };
        var context = new ViewContext(
            new ActionContext(http, http.GetRouteData(), new ActionDescriptor()), view, data,
            new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
        await view.RenderAsync(context);
        return writer.ToString();
    }
}

/// <summary>
/// The summary's styles (wwwroot/css/summary.css), read once: written inside the document so that the bundle's copy
/// loads nothing, and allowed on the page by their hash, since the page policy refuses inline styles otherwise.
/// </summary>
public sealed class SummaryStyle
{
    public SummaryStyle(IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var stream = environment.WebRootFileProvider.GetFileInfo("css/summary.css").CreateReadStream();
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        Css = reader.ReadToEnd();
        Hash = "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Css))) + "'";
    }

    public string Css { get; }

    /// <summary>The CSP source that allows exactly this style element.</summary>
    public string Hash { get; }
}
