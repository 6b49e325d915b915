namespace MerchantDisputes.Domain.Statistics;

/// <summary>The amount brackets of the industry reports, in CNY. Each includes its lower bound and excludes its upper.</summary>
public enum AmountBracket
{
    Under100 = 0, // 0–100 元
    From100To500 = 1,
    From500To1000 = 2,
    From1000To5000 = 3,
    From5000To10000 = 4,
    From10000 = 5, // 10,000 元以上
}

public static class AmountBrackets
{
    /// <summary>Brackets are in this currency; cases in another are counted apart, never converted.</summary>
    public const string Currency = "CNY";

    public const decimal Bound100 = 100m;
    public const decimal Bound500 = 500m;
    public const decimal Bound1000 = 1_000m;
    public const decimal Bound5000 = 5_000m;
    public const decimal Bound10000 = 10_000m;

    public static IReadOnlyList<AmountBracket> All { get; } = Enum.GetValues<AmountBracket>();

    public static AmountBracket Of(decimal amount) => amount switch
    {
        < Bound100 => AmountBracket.Under100,
        < Bound500 => AmountBracket.From100To500,
        < Bound1000 => AmountBracket.From500To1000,
        < Bound5000 => AmountBracket.From1000To5000,
        < Bound10000 => AmountBracket.From5000To10000,
        _ => AmountBracket.From10000,
    };

    public static decimal LowerBound(AmountBracket bracket) => bracket switch
    {
        AmountBracket.Under100 => 0m,
        AmountBracket.From100To500 => Bound100,
        AmountBracket.From500To1000 => Bound500,
        AmountBracket.From1000To5000 => Bound1000,
        AmountBracket.From5000To10000 => Bound5000,
        AmountBracket.From10000 => Bound10000,
        _ => throw new ArgumentOutOfRangeException(nameof(bracket)),
    };

    /// <summary>The excluded upper bound; null for the open top bracket.</summary>
    public static decimal? UpperBound(AmountBracket bracket) => bracket switch
    {
        AmountBracket.From10000 => null,
        _ => LowerBound(bracket + 1),
    };
}
