using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MerchantDisputes.Infrastructure.Evidence.Storage;

/// <summary>
/// Evidence in Azure Blob Storage (Azurite locally). Containers are private and created on first use.
/// Writes are conditional (If-None-Match: *), so a blob is never overwritten, even by a second server.
/// </summary>
internal sealed class AzureBlobEvidenceStore : IEvidenceStore, IDisposable
{
    private readonly BlobServiceClient _service;
    private readonly SemaphoreSlim _containersGate = new(1, 1);
    private volatile bool _containersReady;

    public AzureBlobEvidenceStore(EvidenceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A connection string (Azurite, a shared key) wins; otherwise the managed identity (or a developer's sign-in).
        _service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ServiceUri, new DefaultAzureCredential(), ClientOptions(options))
            : new BlobServiceClient(options.ConnectionString, ClientOptions(options));
    }

    public Task PutAsync(EvidenceContainer container, string blobName, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(blobName);
        BlobNames.ValidateContentType(contentType);
        ArgumentNullException.ThrowIfNull(content);
        var start = content.CanSeek ? content.Position : (long?)null;
        return Guarded(async () =>
        {
            await EnsureContainersAsync(cancellationToken);
            try
            {
                await UploadAsync(container, blobName, content, contentType, cancellationToken);
            }
            catch (RequestFailedException exception) when (AzureFailures.IsContainerNotFound(exception) && start is { } position)
            {
                // The containers went away (deleted, or an emulator restarted empty): make them again, once.
                _containersReady = false;
                await EnsureContainersAsync(cancellationToken);
                content.Position = position;
                await UploadAsync(container, blobName, content, contentType, cancellationToken);
            }
        }, cancellationToken);
    }

    public Task<EvidenceBlob?> OpenReadAsync(EvidenceContainer container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(blobName);
        return Guarded<EvidenceBlob?>(async () =>
        {
            try
            {
                var response = await Blob(container, blobName).DownloadStreamingAsync(new BlobDownloadOptions(), cancellationToken);
                var download = response.Value;
                return new EvidenceBlob(download.Content, download.Details.ContentType ?? "application/octet-stream", download.Details.ContentLength);
            }
            catch (RequestFailedException exception) when (AzureFailures.IsNotFound(exception))
            {
                return null;
            }
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(EvidenceContainer container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(blobName);
        return Guarded(async () =>
        {
            try
            {
                var response = await Blob(container, blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions: null, cancellationToken);
                return response.Value;
            }
            catch (RequestFailedException exception) when (AzureFailures.IsNotFound(exception))
            {
                return false;
            }
        }, cancellationToken);
    }

    public Task<bool> ExistsAsync(EvidenceContainer container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(blobName);
        return Guarded(async () => (await Blob(container, blobName).ExistsAsync(cancellationToken)).Value, cancellationToken);
    }

    public async IAsyncEnumerable<EvidenceBlobItem> ListAsync(EvidenceContainer container, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var blobs = Container(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken);
        await using var enumerator = blobs.GetAsyncEnumerator(cancellationToken);
        while (await MoveNextAsync(enumerator, cancellationToken))
        {
            var item = enumerator.Current;
            yield return new EvidenceBlobItem(item.Name, item.Properties.LastModified ?? DateTimeOffset.MinValue);
        }
    }

    public Task CheckAsync(CancellationToken cancellationToken = default) => CheckAsync(mayRecreate: true, cancellationToken);

    private Task CheckAsync(bool mayRecreate, CancellationToken cancellationToken) => Guarded(async () =>
    {
        try
        {
            await EnsureContainersAsync(cancellationToken);
            await Container(EvidenceContainer.Sanitized).GetPropertiesAsync(conditions: null, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && mayRecreate)
        {
            // The containers went away (an emulator restarted, an operator deleted them): make them again, as Put would.
            _containersReady = false;
            await CheckAsync(mayRecreate: false, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            // For the probe any refusal (a wrong key, a container deleted) means the store cannot be used.
            throw new EvidenceStoreUnavailableException($"The evidence store answered {exception.Status} {exception.ErrorCode}.", exception);
        }
    }, cancellationToken);

    public void Dispose() => _containersGate.Dispose();

    private static BlobClientOptions ClientOptions(EvidenceStoreOptions options)
    {
        var client = new BlobClientOptions();
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.MaxRetries = options.MaxRetries;
        client.Retry.Delay = TimeSpan.FromMilliseconds(200);
        client.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        client.Retry.NetworkTimeout = TimeSpan.FromSeconds(options.NetworkTimeoutSeconds);
        return client;
    }

    private async Task UploadAsync(EvidenceContainer container, string blobName, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await Blob(container, blobName).UploadAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException exception) when (AzureFailures.IsAlreadyExists(exception))
        {
            throw new EvidenceBlobAlreadyExistsException(container, blobName, exception);
        }
    }

    /// <summary>Once per process (again only after a container went missing); a failed attempt is retried by the next call.</summary>
    private async Task EnsureContainersAsync(CancellationToken cancellationToken)
    {
        if (_containersReady)
        {
            return;
        }

        await _containersGate.WaitAsync(cancellationToken);
        try
        {
            if (!_containersReady)
            {
                foreach (var container in BlobNames.AllContainers)
                {
                    await Container(container).CreateIfNotExistsAsync(PublicAccessType.None, metadata: null, cancellationToken);
                }

                _containersReady = true;
            }
        }
        finally
        {
            _containersGate.Release();
        }
    }

    private static async Task<bool> MoveNextAsync(IAsyncEnumerator<BlobItem> enumerator, CancellationToken cancellationToken)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (RequestFailedException exception) when (AzureFailures.IsContainerNotFound(exception))
        {
            return false;
        }
        catch (Exception exception) when (AzureFailures.IsUnavailable(exception, cancellationToken))
        {
            throw Unavailable(exception);
        }
    }

    private BlobContainerClient Container(EvidenceContainer container) => _service.GetBlobContainerClient(BlobNames.ContainerName(container));

    private BlobClient Blob(EvidenceContainer container, string blobName) => Container(container).GetBlobClient(blobName);

    private static async Task<T> Guarded<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (AzureFailures.IsUnavailable(exception, cancellationToken))
        {
            throw Unavailable(exception);
        }
    }

    private static async Task Guarded(Func<Task> operation, CancellationToken cancellationToken)
    {
        try
        {
            await operation();
        }
        catch (Exception exception) when (AzureFailures.IsUnavailable(exception, cancellationToken))
        {
            throw Unavailable(exception);
        }
    }

    private static EvidenceStoreUnavailableException Unavailable(Exception exception) =>
        new("The evidence blob store cannot be reached.", exception);
}
