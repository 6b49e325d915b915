namespace MerchantDisputes.Infrastructure.Evidence.Sanitising;

/// <summary>The formats accepted as evidence, recognised by their first bytes.</summary>
public enum EvidenceImageFormat
{
    Png,
    Jpeg,
    WebP,
    Gif,
    Bmp,

    /// <summary>A PDF statement: never decoded here, only kept as the original of its first page's image.</summary>
    Pdf,
}
