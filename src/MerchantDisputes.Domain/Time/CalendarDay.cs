namespace MerchantDisputes.Domain.Time;

/// <summary>
/// One exception to the ordinary week in the State Council's yearly notice: a holiday on a weekday
/// (<see cref="IsOffDay"/> true) or a weekend day that is worked (调休, false).
/// </summary>
public sealed record CalendarDay(DateOnly Date, bool IsOffDay, string Name)
{
    public const int NameMaxLength = 40;
}
