using System.Globalization;
using System.Text.Encodings.Web;
using MerchantDisputes.Domain.Validation;
using Microsoft.AspNetCore.Html;

namespace MerchantDisputes.Web.Infrastructure;

/// <summary>Field errors for a page form, keyed like the JSON fields so API and pages say the same.</summary>
public sealed class FormErrors
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public IEnumerable<string> All => _byField.Values.SelectMany(v => v);

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            list = [];
            _byField[field] = list;
        }

        list.Add(message);
    }

    public void AddRange(IEnumerable<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            Add(error.Field, Problems.Describe(error, CultureInfo.CurrentUICulture));
        }
    }

    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>aria attributes for an input: invalid state and the id of its message.</summary>
    public IHtmlContent Aria(string field) => Has(field)
        ? new HtmlString($"aria-invalid=\"true\" aria-describedby=\"{Id(field)}\"")
        : HtmlString.Empty;

    public IHtmlContent For(string field)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            return HtmlString.Empty;
        }

        var text = Encoder.Encode(string.Join(" ", messages));
        return new HtmlString($"<p class=\"field-error\" id=\"{Id(field)}\">{text}</p>");
    }

    private static string Id(string field) => "err-" + field.Replace('.', '-');
}
