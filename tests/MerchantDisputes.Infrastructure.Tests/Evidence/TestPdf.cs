using System.Globalization;
using System.Text;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

/// <summary>
/// Writes a small valid PDF by hand: A6 pages, each with a coloured block at a different height (so no two pages render
/// alike), a catalog, a page tree and a cross-reference table with exact offsets. No fonts, no package.
/// </summary>
public static class TestPdf
{
    public static byte[] Statement(int pages, string? extraCatalogEntries = null)
    {
        var objects = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {extraCatalogEntries} >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{3 + (2 * i)} 0 R"))}] /Count {pages} >>",
        };
        for (var i = 0; i < pages; i++)
        {
            var content = string.Create(CultureInfo.InvariantCulture, $"0.8 0.1 0.1 rg 20 {20 + (i * 25 % 300)} 200 30 re f 0 0 0.6 rg 20 360 {40 + (i * 7 % 200)} 20 re f");
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] /Contents {4 + (2 * i)} 0 R >>");
            objects.Add($"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        }

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var n = 0; n < objects.Count; n++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{n + 1} 0 obj\n{objects[n]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
