using MerchantDisputes.Domain.Statistics;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>
/// How many counted cases of one submission month and platform share one key of one dimension
/// (<see cref="PublicTallies"/>). Written only by <see cref="PublicTallyUpdates"/>, inside the case's own transaction.
/// </summary>
public sealed class PublicTally
{
    public int Period { get; set; }
    public int PlatformId { get; set; }
    public TallyDimension Dimension { get; set; }
    public string Key { get; set; } = string.Empty;
    public int Count { get; set; }
}
