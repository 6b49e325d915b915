using System.ComponentModel.DataAnnotations;

namespace MerchantDisputes.Infrastructure.Evidence;

public enum EvidenceStoreKind
{
    /// <summary>A local folder: the embedded default for `dotnet run` and a single server.</summary>
    FileSystem,

    /// <summary>Azure Blob Storage (Azurite locally and in tests): for several servers.</summary>
    AzureBlob,
}

/// <summary>Section "Evidence".</summary>
public sealed class EvidenceStoreOptions : IValidatableObject
{
    public const string SectionName = "Evidence";

    [EnumDataType(typeof(EvidenceStoreKind))]
    public EvidenceStoreKind Store { get; set; } = EvidenceStoreKind.FileSystem;

    /// <summary>For <see cref="EvidenceStoreKind.AzureBlob"/>: a storage account connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>For <see cref="EvidenceStoreKind.FileSystem"/>: the folder; relative paths are under DataDirectory. Default "&lt;DataDirectory&gt;/evidence".</summary>
    public string? RootPath { get; set; }

    /// <summary>Azure: retries after the first attempt. Few, so that a stopped store fails fast and the request gets a 503.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Azure: seconds one attempt may take on the network.</summary>
    [Range(1, 300)]
    public int NetworkTimeoutSeconds { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Store == EvidenceStoreKind.AzureBlob && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Evidence:Store is AzureBlob but Evidence:ConnectionString is empty.", [nameof(ConnectionString)]);
        }
    }
}
