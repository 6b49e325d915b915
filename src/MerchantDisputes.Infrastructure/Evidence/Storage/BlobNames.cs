using System.Text.RegularExpressions;

namespace MerchantDisputes.Infrastructure.Evidence.Storage;

/// <summary>
/// The one rule for blob names, the same for every store, so that a name valid on a developer's
/// folder store is valid on Azure and can never climb out of its folder ("..", absolute paths, '\').
/// </summary>
internal static partial class BlobNames
{
    public const int MaxLength = 256;

    public static readonly IReadOnlyList<EvidenceContainer> AllContainers =
        [EvidenceContainer.Sanitized, EvidenceContainer.Thumbnail, EvidenceContainer.Original];

    public static string ContainerName(EvidenceContainer container) => container switch
    {
        EvidenceContainer.Sanitized => "evidence",
        EvidenceContainer.Thumbnail => "evidence-thumbnails",
        EvidenceContainer.Original => "evidence-originals",
        _ => throw new ArgumentOutOfRangeException(nameof(container), container, "Unknown evidence container."),
    };

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && !name.Contains("..", StringComparison.Ordinal) && ValidName().IsMatch(name);

    public static void Validate(string? name, string parameterName = "blobName")
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                "A blob name is made of '/'-separated segments of lowercase letters, digits, '-' and '.', each starting and ending with a letter or digit.",
                parameterName);
        }
    }

    public static void ValidateContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || contentType.Length > 128 || contentType.Any(char.IsControl))
        {
            throw new ArgumentException("A content type such as \"image/png\" is required.", nameof(contentType));
        }
    }

    // Each segment starts and ends with a letter or digit: no "", ".", "..", hidden files, trailing dots or slashes.
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?:/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
