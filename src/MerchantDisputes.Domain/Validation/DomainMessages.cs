using System.Globalization;
using System.Resources;

namespace MerchantDisputes.Domain.Validation;

/// <summary>Reads rule messages and field labels from the domain's resources (en neutral, zh-CN satellite).</summary>
public static class DomainMessages
{
    private static readonly ResourceManager Resources =
        new("MerchantDisputes.Domain.Resources.DomainMessages", typeof(DomainMessages).Assembly);

    public static string Describe(ValidationError error, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(error);
        var template = Resources.GetString(error.Code, culture) ?? error.Code;
        object[] arguments = [FieldLabel(error.Field, culture), .. error.Arguments];
        return string.Format(culture, template, arguments);
    }

    /// <summary>"refundOnly.orderNumber" → 订单号 / order number; an unknown field keeps its own name.</summary>
    public static string FieldLabel(string field, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(field);
        var leaf = field[(field.LastIndexOf('.') + 1)..];
        return Resources.GetString("Field_" + leaf, culture) ?? field;
    }
}
