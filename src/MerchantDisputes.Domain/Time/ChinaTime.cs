namespace MerchantDisputes.Domain.Time;

/// <summary>China Standard Time (UTC+8, no daylight saving): the calendar of every period and report.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToChina(now).DateTime);

    public static DateTimeOffset StartOfYear(int year) => new(year, 1, 1, 0, 0, 0, Offset);

    public static DateTimeOffset StartOfMonth(int year, int month) => new(year, month, 1, 0, 0, 0, Offset);
}
