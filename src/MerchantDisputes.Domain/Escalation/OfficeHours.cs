using System.ComponentModel;
using System.Globalization;

namespace MerchantDisputes.Domain.Escalation;

/// <summary>Office hours in China Standard Time ("09:00-18:00"): a working-day deadline ends at <see cref="Close"/>.</summary>
[TypeConverter(typeof(OfficeHoursConverter))]
public sealed record OfficeHours(TimeOnly Open, TimeOnly Close)
{
    public static OfficeHours Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(18, 0));

    public static bool TryParse(string? text, out OfficeHours hours)
    {
        hours = Default;
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        if (parts is not [var open, var close]
            || !TimeOnly.TryParseExact(open, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(close, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            || from >= to)
        {
            return false;
        }

        hours = new OfficeHours(from, to);
        return true;
    }

    public static OfficeHours Parse(string text) =>
        TryParse(text, out var hours) ? hours : throw new FormatException($"'{text}' is not office hours such as \"09:00-18:00\".");

    public override string ToString() =>
        Open.ToString("HH:mm", CultureInfo.InvariantCulture) + "-" + Close.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Lets configuration bind "09:00-18:00" to <see cref="OfficeHours"/>.</summary>
public sealed class OfficeHoursConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? OfficeHours.Parse(text) : base.ConvertFrom(context, culture, value);
}
