using Azure.Storage.Blobs;
using MerchantDisputes.Infrastructure.Evidence;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

[Collection(SharedAzurite.Name)]
public sealed class AzureBlobEvidenceStoreTests(AzuriteFixture azurite) : EvidenceStoreContract
{
    private static readonly string[] ContainerNames = ["evidence", "evidence-thumbnails", "evidence-originals"];

    [Fact]
    public async Task Containers_are_private()
    {
        await Store.CheckAsync();

        foreach (var name in ContainerNames)
        {
            var properties = await Service().GetBlobContainerClient(name).GetPropertiesAsync();
            Assert.Equal(Azure.Storage.Blobs.Models.PublicAccessType.None, properties.Value.PublicAccess);
        }
    }

    [Fact]
    public async Task A_blob_is_stored_with_its_content_type_on_azure()
    {
        var name = NewName();

        await Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([1, 2]), "image/webp");

        var properties = await Service().GetBlobContainerClient("evidence").GetBlobClient(name).GetPropertiesAsync();
        Assert.Equal("image/webp", properties.Value.ContentType);
    }

    protected override IEvidenceStore CreateStore() => AzureStore(azurite);

    protected override async Task DeleteContainersAsync()
    {
        foreach (var name in ContainerNames)
        {
            await Service().GetBlobContainerClient(name).DeleteIfExistsAsync();
        }
    }

    protected override async Task<bool> ContainerExistsAsync(string name) => await Service().GetBlobContainerClient(name).ExistsAsync();

    internal static IEvidenceStore AzureStore(AzuriteFixture azurite) => StoreFromConfiguration(
        new() { ["Evidence:Store"] = "AzureBlob", ["Evidence:ConnectionString"] = azurite.ConnectionString },
        Path.GetTempPath());

    private BlobServiceClient Service() => new(azurite.ConnectionString);
}
