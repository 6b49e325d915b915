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

    /// <summary>For <see cref="EvidenceStoreKind.AzureBlob"/>: a storage account connection string. Takes precedence over <see cref="ServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// For <see cref="EvidenceStoreKind.AzureBlob"/> without a connection string: the account's blob endpoint
    /// (https://&lt;account&gt;.blob.core.windows.net), reached as the app's managed identity through DefaultAzureCredential.
    /// </summary>
    public Uri? ServiceUri { get; set; }

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
        if (Store != EvidenceStoreKind.AzureBlob || !string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break;
        }

        if (ServiceUri is null)
        {
            yield return new ValidationResult(
                "Evidence:Store is AzureBlob but neither Evidence:ConnectionString nor Evidence:ServiceUri is set.",
                [nameof(ConnectionString), nameof(ServiceUri)]);
        }
        else if (!ServiceUri.IsAbsoluteUri || ServiceUri.Scheme != Uri.UriSchemeHttps)
        {
            // Azure.Core refuses to send a bearer token over plain HTTP; say so at start-up, not at the first upload.
            yield return new ValidationResult(
                "Evidence:ServiceUri must be an absolute https:// address (a token credential is never sent over http).",
                [nameof(ServiceUri)]);
        }
    }
}
