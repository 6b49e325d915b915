using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MerchantDisputes.Infrastructure.Data;

internal static class SqliteConverters
{
    /// <summary>Money is decimal(18,2) by rule, so hundredths as a 64-bit integer hold it exactly.</summary>
    internal sealed class DecimalToCents() : ValueConverter<decimal, long>(
        v => (long)(v * 100m),
        v => v * 0.01m);

    /// <summary>Instants as UTC ticks: exact, sortable and comparable in SQL.</summary>
    internal sealed class InstantToTicks() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
