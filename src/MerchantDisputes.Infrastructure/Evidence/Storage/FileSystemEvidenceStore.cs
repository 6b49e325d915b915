using System.Runtime.CompilerServices;
using System.Text;

namespace MerchantDisputes.Infrastructure.Evidence.Storage;

/// <summary>
/// Evidence in a local folder: one sub-folder per container, one file per blob. A blob is written to a
/// staging file and then moved into place without overwriting (<see cref="ExclusiveMove"/>), so a reader sees
/// a whole blob or none and a second writer of the same name fails, also when both write at the same moment.
/// The content type is kept beside it in a parallel ".meta" tree, written after the blob is in place, so that
/// only the writer that won the name ever writes it.
/// </summary>
internal sealed class FileSystemEvidenceStore : IEvidenceStore
{
    private const string StagingFolder = ".staging";
    private const string MetadataFolder = ".meta";
    private const string FallbackContentType = "application/octet-stream";

    private readonly string _root;

    public FileSystemEvidenceStore(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        _root = Path.GetFullPath(rootPath);
    }

    public Task PutAsync(EvidenceContainer container, string blobName, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(blobName);
        BlobNames.ValidateContentType(contentType);
        ArgumentNullException.ThrowIfNull(content);
        var target = BlobPath(container, blobName);
        return GuardedAsync(async () =>
        {
            EnsureFolders();
            if (File.Exists(target))
            {
                throw new EvidenceBlobAlreadyExistsException(container, blobName);
            }

            var staged = StagingPath(".tmp");
            try
            {
                await StageAsync(content, staged, cancellationToken);
                Publish(staged, target, container, blobName);
                await WriteContentTypeAsync(container, blobName, contentType, target, cancellationToken);
            }
            finally
            {
                File.Delete(staged);
            }
        });
    }

    public Task<EvidenceBlob?> OpenReadAsync(EvidenceContainer container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(blobName);
        return GuardedAsync(async () =>
        {
            FileStream stream;
            try
            {
                stream = new FileStream(BlobPath(container, blobName), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81_920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }

            try
            {
                var contentType = await ReadContentTypeAsync(container, blobName, cancellationToken);
                return new EvidenceBlob(stream, contentType, stream.Length);
            }
            catch
            {
                await stream.DisposeAsync();
                throw;
            }
        });
    }

    public Task<bool> DeleteAsync(EvidenceContainer container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(blobName);
        return Task.FromResult(Guarded(() =>
        {
            var path = BlobPath(container, blobName);
            var existed = File.Exists(path);
            DeleteFile(path);
            DeleteFile(MetadataPath(container, blobName));
            return existed;
        }));
    }

    public Task<bool> ExistsAsync(EvidenceContainer container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(blobName);
        return Task.FromResult(File.Exists(BlobPath(container, blobName)));
    }

    public async IAsyncEnumerable<EvidenceBlobItem> ListAsync(EvidenceContainer container, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = ContainerPath(container);
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            : [];
        using var enumerator = files.GetEnumerator();
        while (Guarded(enumerator.MoveNext))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetRelativePath(folder, enumerator.Current).Replace(Path.DirectorySeparatorChar, '/');

            // Only what this store could have written: a stray file dropped in by hand is not evidence.
            if (BlobNames.IsValid(name))
            {
                yield return new EvidenceBlobItem(name, new DateTimeOffset(File.GetLastWriteTimeUtc(enumerator.Current), TimeSpan.Zero));
            }
        }
    }

    public Task CheckAsync(CancellationToken cancellationToken = default) => GuardedAsync(async () =>
    {
        EnsureFolders();
        var probe = StagingPath(".probe");
        await File.WriteAllBytesAsync(probe, [1], cancellationToken);
        File.Delete(probe);
    });

    private static async Task StageAsync(Stream content, string staged, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        await using var file = new FileStream(staged, options);
        await content.CopyToAsync(file, cancellationToken);

        // On disk before it gets its name: after a power cut a blob is whole or absent, never empty.
        file.Flush(flushToDisk: true);
    }

    private static void Publish(string staged, string target, EvidenceContainer container, string blobName)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!ExclusiveMove.TryMove(staged, target))
        {
            throw new EvidenceBlobAlreadyExistsException(container, blobName);
        }
    }

    private async Task WriteContentTypeAsync(EvidenceContainer container, string blobName, string contentType, string target, CancellationToken cancellationToken)
    {
        var metadata = MetadataPath(container, blobName);
        var staged = StagingPath(".meta");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(metadata)!);
            await File.WriteAllTextAsync(staged, contentType, Encoding.UTF8, cancellationToken);
            File.Move(staged, metadata, overwrite: true);
        }
        catch
        {
            // A blob whose content type was not kept is withdrawn, so the caller's retry starts clean.
            DeleteFile(target);
            DeleteFile(staged);
            throw;
        }
    }

    private async Task<string> ReadContentTypeAsync(EvidenceContainer container, string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var contentType = await File.ReadAllTextAsync(MetadataPath(container, blobName), Encoding.UTF8, cancellationToken);
            return string.IsNullOrWhiteSpace(contentType) ? FallbackContentType : contentType.Trim();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return FallbackContentType;
        }
    }

    private void EnsureFolders()
    {
        Directory.CreateDirectory(Path.Combine(_root, StagingFolder));
        foreach (var container in BlobNames.AllContainers)
        {
            Directory.CreateDirectory(ContainerPath(container));
        }
    }

    private string StagingPath(string extension) => Path.Combine(_root, StagingFolder, Guid.NewGuid().ToString("N") + extension);

    private string ContainerPath(EvidenceContainer container) => Path.Combine(_root, BlobNames.ContainerName(container));

    private string BlobPath(EvidenceContainer container, string blobName) => InFolder(ContainerPath(container), blobName);

    private string MetadataPath(EvidenceContainer container, string blobName) =>
        InFolder(Path.Combine(_root, MetadataFolder, BlobNames.ContainerName(container)), blobName);

    /// <summary>Belt and braces after <see cref="BlobNames.Validate"/>: the path must stay inside its folder.</summary>
    private static string InFolder(string folder, string blobName)
    {
        var path = Path.GetFullPath(Path.Combine(folder, blobName.Replace('/', Path.DirectorySeparatorChar)));
        return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("The blob name leaves its container.", nameof(blobName));
    }

    private static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to delete.
        }
    }

    private static T Guarded<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw Unavailable(exception);
        }
    }

    private static async Task<T> GuardedAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw Unavailable(exception);
        }
    }

    private static async Task GuardedAsync(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw Unavailable(exception);
        }
    }

    /// <summary>Disk and permission errors are the folder store's way of being unavailable.</summary>
    private static bool IsUnavailable(Exception exception) => exception is IOException or UnauthorizedAccessException;

    private static EvidenceStoreUnavailableException Unavailable(Exception exception) =>
        new("The evidence folder cannot be used.", exception);
}
