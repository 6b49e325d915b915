namespace MerchantDisputes.Infrastructure.Data;

/// <summary>The last case number handed out in one year (China Standard Time).</summary>
public sealed class CaseNumberSequence
{
    public int Year { get; set; }
    public long LastValue { get; set; }
}
