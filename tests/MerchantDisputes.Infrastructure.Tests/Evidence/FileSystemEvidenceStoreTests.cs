using MerchantDisputes.Infrastructure.Evidence;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

public sealed class FileSystemEvidenceStoreTests : EvidenceStoreContract, IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("evidence-store-").FullName;

    private string Root => Path.Combine(_dataDirectory, "evidence");

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task The_folder_store_keeps_blobs_under_data_directory_evidence_by_default()
    {
        var name = NewName();

        await Store.PutAsync(EvidenceContainer.Original, name, new MemoryStream([7]), "image/png");

        Assert.Equal([7], await File.ReadAllBytesAsync(Path.Combine(Root, "evidence-originals", name)));
    }

    [Fact]
    public async Task A_relative_root_path_is_under_the_data_directory()
    {
        var store = StoreFromConfiguration(new() { ["Evidence:RootPath"] = "blobs" }, _dataDirectory);

        await store.PutAsync(EvidenceContainer.Sanitized, "a.png", new MemoryStream([7]), "image/png");

        Assert.True(File.Exists(Path.Combine(_dataDirectory, "blobs", "evidence", "a.png")));
    }

    [Fact]
    public async Task A_put_leaves_no_staging_file_behind_even_when_the_name_is_taken()
    {
        var name = NewName();
        await Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([1]), "image/png");
        await Assert.ThrowsAsync<EvidenceBlobAlreadyExistsException>(() => Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([2]), "image/png"));

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, ".staging")));
    }

    [Fact]
    public async Task A_put_cancelled_while_copying_leaves_nothing_behind()
    {
        var name = NewName();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream(RandomBytes(100_000)), "image/png", cancellation.Token));

        Assert.False(await Store.ExistsAsync(EvidenceContainer.Sanitized, name));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, ".staging")));
    }

    [Fact]
    public async Task A_folder_that_cannot_be_made_makes_the_store_unavailable()
    {
        var blocker = Path.Combine(_dataDirectory, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the store's folder should be");
        var store = StoreFromConfiguration(new() { ["Evidence:RootPath"] = blocker }, _dataDirectory);

        await Assert.ThrowsAsync<EvidenceStoreUnavailableException>(() => store.PutAsync(EvidenceContainer.Sanitized, NewName(), new MemoryStream([1]), "image/png"));
        await Assert.ThrowsAsync<EvidenceStoreUnavailableException>(() => store.CheckAsync());
    }

    protected override IEvidenceStore CreateStore() => StoreFromConfiguration([], _dataDirectory);

    protected override Task DeleteContainersAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override Task<bool> ContainerExistsAsync(string name) => Task.FromResult(Directory.Exists(Path.Combine(Root, name)));
}
