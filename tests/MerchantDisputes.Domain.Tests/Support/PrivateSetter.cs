namespace MerchantDisputes.Domain.Tests;

/// <summary>
/// Writes a property behind its private setter, as EF Core does when it materialises a stored row.
/// Tests use it for states the public methods do not reach yet, and to rewrite a row the way tampering would.
/// </summary>
public static class PrivateSetter
{
    public static T Set<T>(this T target, string property, object? value)
        where T : class
    {
        var info = typeof(T).GetProperty(property) ?? throw new ArgumentException($"{typeof(T).Name} has no property {property}.", nameof(property));
        info.SetValue(target, value);
        return target;
    }
}
