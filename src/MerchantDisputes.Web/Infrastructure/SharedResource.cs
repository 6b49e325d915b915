namespace MerchantDisputes.Web;

/// <summary>Marker for the web's user-facing text: Resources/SharedResource(.zh-CN).resx.</summary>
#pragma warning disable CA1812 // Used only as a type argument of IStringLocalizer.
internal sealed class SharedResource;
#pragma warning restore CA1812
