using MerchantDisputes.Infrastructure.Evidence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

/// <summary>What every evidence store promises, run against each of them.</summary>
public abstract class EvidenceStoreContract
{
    private IEvidenceStore? _store;

    protected IEvidenceStore Store => _store ??= CreateStore();

    public static TheoryData<EvidenceContainer> Containers => [EvidenceContainer.Sanitized, EvidenceContainer.Thumbnail, EvidenceContainer.Original];

    public static TheoryData<string> InvalidNames =>
    [
        "",
        "../escape.png",
        "a/../b.png",
        "..",
        "/absolute.png",
        "a//b.png",
        "Upper.png",
        "with space.png",
        "back\\slash.png",
        "trailing/",
        ".hidden",
        "name.",
        "a..b.png",
        "ü.png",
        "evidence.png\0.html",
        "c:/windows.png",
        new string('a', 257),
    ];

    [Theory]
    [MemberData(nameof(Containers))]
    public async Task A_blob_reads_back_with_the_same_bytes_and_content_type(EvidenceContainer container)
    {
        var name = NewName();
        var bytes = RandomBytes(300_000);

        await Store.PutAsync(container, name, new MemoryStream(bytes), "image/png");

        await using var blob = await Store.OpenReadAsync(container, name);
        Assert.NotNull(blob);
        Assert.Equal("image/png", blob.ContentType);
        Assert.Equal(bytes.Length, blob.Length);
        Assert.Equal(bytes, await ReadAllAsync(blob.Content));
        Assert.True(await Store.ExistsAsync(container, name));
    }

    [Fact]
    public async Task Names_with_folders_are_kept_as_they_are()
    {
        var name = $"2024/06/{Guid.NewGuid():N}.jpg";

        await Store.PutAsync(EvidenceContainer.Original, name, new MemoryStream([1, 2, 3]), "image/jpeg");

        Assert.True(await Store.ExistsAsync(EvidenceContainer.Original, name));
        Assert.False(await Store.ExistsAsync(EvidenceContainer.Sanitized, name));
    }

    [Fact]
    public async Task Putting_a_name_that_exists_does_not_overwrite_it()
    {
        var name = NewName();
        await Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([1, 2, 3]), "image/png");

        await Assert.ThrowsAsync<EvidenceBlobAlreadyExistsException>(
            () => Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([9, 9, 9, 9]), "text/html"));

        await using var blob = await Store.OpenReadAsync(EvidenceContainer.Sanitized, name);
        Assert.Equal([1, 2, 3], await ReadAllAsync(blob!.Content));
        Assert.Equal("image/png", blob.ContentType);
    }

    [Fact]
    public async Task Of_concurrent_puts_of_one_name_exactly_one_wins()
    {
        // A check-then-rename store passes a single race most of the time; twenty rounds catch it.
        for (var round = 0; round < 20; round++)
        {
            await RaceForOneNameAsync();
        }
    }

    private async Task RaceForOneNameAsync()
    {
        var name = NewName();

        var attempts = Enumerable.Range(1, 6).Select(async i =>
        {
            try
            {
                await Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream(RandomBytes(50_000, seed: i)), $"image/x-{i}");
                return true;
            }
            catch (EvidenceBlobAlreadyExistsException)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, won => won);
        await using var blob = await Store.OpenReadAsync(EvidenceContainer.Sanitized, name);
        var winner = int.Parse(blob!.ContentType["image/x-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(RandomBytes(50_000, seed: winner), await ReadAllAsync(blob.Content)); // bytes and type of the same writer
    }

    [Fact]
    public async Task Deleting_is_idempotent()
    {
        var name = NewName();
        await Store.PutAsync(EvidenceContainer.Thumbnail, name, new MemoryStream([1]), "image/jpeg");

        Assert.True(await Store.DeleteAsync(EvidenceContainer.Thumbnail, name));
        Assert.False(await Store.DeleteAsync(EvidenceContainer.Thumbnail, name));

        Assert.False(await Store.ExistsAsync(EvidenceContainer.Thumbnail, name));
        Assert.Null(await Store.OpenReadAsync(EvidenceContainer.Thumbnail, name));
    }

    [Fact]
    public async Task A_deleted_name_can_be_used_again()
    {
        var name = NewName();
        await Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([1]), "image/png");
        await Store.DeleteAsync(EvidenceContainer.Sanitized, name);

        await Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([2]), "image/jpeg");

        await using var blob = await Store.OpenReadAsync(EvidenceContainer.Sanitized, name);
        Assert.Equal("image/jpeg", blob!.ContentType);
        Assert.Equal([2], await ReadAllAsync(blob.Content));
    }

    [Fact]
    public async Task A_missing_blob_reads_as_null_and_does_not_exist()
    {
        var name = NewName();

        Assert.Null(await Store.OpenReadAsync(EvidenceContainer.Original, name));
        Assert.False(await Store.ExistsAsync(EvidenceContainer.Original, name));
        Assert.False(await Store.DeleteAsync(EvidenceContainer.Original, name));
    }

    [Fact]
    public async Task Listing_a_container_yields_its_blobs_with_their_last_change()
    {
        var folder = $"list-{Guid.NewGuid():N}";
        var names = new[] { $"{folder}/a.png", $"{folder}/b.png", $"{folder}/sub/c.png" };
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var name in names)
        {
            await Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([1]), "image/png");
        }

        await Store.PutAsync(EvidenceContainer.Thumbnail, $"{folder}/thumbnail.jpg", new MemoryStream([1]), "image/jpeg");

        var listed = await ListAsync(Store, EvidenceContainer.Sanitized, folder);
        Assert.Equal(names, listed.Select(item => item.Name).Order(StringComparer.Ordinal));
        Assert.All(listed, item => Assert.InRange(item.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task Invalid_names_are_rejected(string name)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(EvidenceContainer.Sanitized, name, new MemoryStream([1]), "image/png"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(EvidenceContainer.Sanitized, name));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ExistsAsync(EvidenceContainer.Sanitized, name));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(EvidenceContainer.Sanitized, name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("image/png\r\nX-Injected: 1")]
    public async Task A_content_type_is_required_and_single_line(string contentType)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(EvidenceContainer.Sanitized, NewName(), new MemoryStream([1]), contentType));
    }

    [Fact]
    public async Task Containers_are_created_if_missing()
    {
        await DeleteContainersAsync();
        var store = CreateStore();

        await store.PutAsync(EvidenceContainer.Thumbnail, NewName(), new MemoryStream([1]), "image/jpeg");

        Assert.True(await ContainerExistsAsync("evidence"));
        Assert.True(await ContainerExistsAsync("evidence-thumbnails"));
        Assert.True(await ContainerExistsAsync("evidence-originals"));
    }

    [Fact]
    public async Task The_health_check_creates_the_containers_and_passes()
    {
        await DeleteContainersAsync();

        await CreateStore().CheckAsync();

        Assert.True(await ContainerExistsAsync("evidence"));
    }

    [Fact]
    public async Task Reading_and_listing_without_containers_find_nothing()
    {
        await DeleteContainersAsync();
        var store = CreateStore();

        Assert.Null(await store.OpenReadAsync(EvidenceContainer.Sanitized, NewName()));
        Assert.False(await store.ExistsAsync(EvidenceContainer.Sanitized, NewName()));
        Assert.False(await store.DeleteAsync(EvidenceContainer.Sanitized, NewName()));
        Assert.Empty(await ListAsync(store, EvidenceContainer.Sanitized, string.Empty));
    }

    /// <summary>A new store over the same storage, as a restarted server would have.</summary>
    protected abstract IEvidenceStore CreateStore();

    protected abstract Task DeleteContainersAsync();

    protected abstract Task<bool> ContainerExistsAsync(string name);

    protected static IEvidenceStore StoreFromConfiguration(Dictionary<string, string?> settings, string dataDirectory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddEvidenceStore(configuration, dataDirectory).BuildServiceProvider().GetRequiredService<IEvidenceStore>();
    }

    protected static string NewName() => $"tests/{Guid.NewGuid():N}.png";

    protected static byte[] RandomBytes(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<List<EvidenceBlobItem>> ListAsync(IEvidenceStore store, EvidenceContainer container, string folder)
    {
        var items = new List<EvidenceBlobItem>();
        await foreach (var item in store.ListAsync(container))
        {
            if (item.Name.StartsWith(folder, StringComparison.Ordinal))
            {
                items.Add(item);
            }
        }

        return items;
    }
}
