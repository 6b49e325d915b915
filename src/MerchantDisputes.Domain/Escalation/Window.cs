using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MerchantDisputes.Domain.Escalation;

/// <summary>
/// A window of the case life: working days ("7wd", ending at the close of office hours of the N-th working day) or
/// a plain duration ("7.00:00:00", calendar time).
/// </summary>
[TypeConverter(typeof(WindowConverter))]
public readonly record struct Window
{
    public const string WorkingDaySuffix = "wd";
    public const int MaxWorkingDays = 250;

    private Window(int workingDays, TimeSpan duration)
    {
        WorkingDays = workingDays;
        Duration = duration;
    }

    /// <summary>How many working days; zero when the window is a duration.</summary>
    public int WorkingDays { get; }

    /// <summary>The duration; zero when the window counts working days.</summary>
    public TimeSpan Duration { get; }

    public bool InWorkingDays => WorkingDays > 0;

    public static Window OfWorkingDays(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new Window(count, TimeSpan.Zero);
    }

    public static Window Of(TimeSpan duration) => new(0, duration);

    public static implicit operator Window(TimeSpan duration) => Of(duration);

    public static Window FromTimeSpan(TimeSpan duration) => Of(duration);

    /// <summary>"7wd" (1–250 working days) or a TimeSpan in its constant format ("7.00:00:00"), which must be positive.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Window window)
    {
        window = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.EndsWith(WorkingDaySuffix, StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(value.AsSpan(0, value.Length - WorkingDaySuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
                && days is > 0 and <= MaxWorkingDays)
            {
                window = OfWorkingDays(days);
                return true;
            }

            return false;
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero)
        {
            window = Of(duration);
            return true;
        }

        return false;
    }

    public static Window Parse(string text) =>
        TryParse(text, out var window) ? window : throw new FormatException($"'{text}' is neither working days (\"7wd\") nor a positive duration (\"7.00:00:00\").");

    public override string ToString() =>
        InWorkingDays ? WorkingDays.ToString(CultureInfo.InvariantCulture) + WorkingDaySuffix : Duration.ToString("c", CultureInfo.InvariantCulture);
}

/// <summary>Lets configuration bind "7wd" and "7.00:00:00" to a <see cref="Window"/>.</summary>
public sealed class WindowConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Window.Parse(text) : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is Window window ? window.ToString() : base.ConvertTo(context, culture, value, destinationType);
}
