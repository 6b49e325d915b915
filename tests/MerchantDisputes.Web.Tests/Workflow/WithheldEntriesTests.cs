using System.IO.Compression;
using System.Text.Json;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Web.Tests.Support;
using MerchantDisputes.Web.Tests.Workflow.Support;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>
/// Issue 22, item 9: an entry a reader may not see is listed as withheld, hash only, in the API, the page and (for
/// staff, who see it whole) the bundle; verify counts what every reader's timeline lists.
/// </summary>
public sealed class WithheldEntriesTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    [Fact]
    public async Task Merchants_and_agents_see_an_internal_note_as_withheld_with_the_chain_that_verify_counts()
    {
        var merchant = await People.MerchantAsync(app);
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform, merchant);
        var secret = $"internal-note-{Guid.NewGuid():N}";
        await Read.OkAsync(app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = secret, @internal = true }));
        await Read.OkAsync(app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = "请平台尽快答复" }));

        var full = Entries(await Drive.ReadAsync(app.Cast.Mediator, id));
        var note = Assert.Single(full, e => e.GetProperty("audience").GetString() == nameof(TimelineAudience.Staff));

        foreach (var reader in new[] { merchant, app.Cast.Agent })
        {
            var seen = Entries(await Drive.ReadAsync(reader, id));
            var verify = await Read.VerifyAsync(reader, id);

            Assert.Equal(full.Select(Hash), seen.Select(Hash));
            Assert.Equal(Enumerable.Range(1, seen.Count), seen.Select(e => e.GetProperty("sequence").GetInt32()));
            Assert.All(seen.Skip(1).Zip(seen), pair => Assert.Equal(Hash(pair.Second), pair.First.GetProperty("previousHash").GetString()));
            Assert.Equal(seen.Count, verify.GetProperty("entries").GetInt32());
            Assert.Equal(Hash(seen[^1]), verify.GetProperty("lastHash").GetString());
            Assert.True(verify.GetProperty("intact").GetBoolean());

            var withheld = Assert.Single(seen, e => e.GetProperty("withheld").GetBoolean());
            Assert.Equal(Hash(note), Hash(withheld));
            Assert.Equal("Withheld", withheld.GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Null, withheld.GetProperty("actorRole").ValueKind);
            Assert.Equal(JsonValueKind.Null, withheld.GetProperty("occurredAt").ValueKind);
            Assert.Equal(JsonValueKind.Null, withheld.GetProperty("audience").ValueKind);
            Assert.Empty(withheld.GetProperty("data").EnumerateObject());
            Assert.DoesNotContain(secret, string.Join("\n", seen.Select(e => e.GetRawText())), StringComparison.Ordinal);
        }

        Assert.Equal(full.Count, (await Read.VerifyAsync(app.Cast.Mediator, id)).GetProperty("entries").GetInt32());
        Assert.Equal(full.Select(Hash), await BundleHashesAsync(id));
    }

    [Fact]
    public async Task The_case_page_shows_a_withheld_entry_by_its_hash_in_the_chains_numbering()
    {
        var email = $"withheld-{Guid.NewGuid():N}@shop.test";
        var client = await Session.NewMerchantAsync(app, email);
        var me = await ApiClient.ReadAsync(await client.GetAsync("/api/v1/me"));
        var merchant = new Person(me.GetProperty("id").GetGuid(), email, Domain.Users.Roles.Merchant, null, client);
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform, merchant);
        var secret = $"internal-note-{Guid.NewGuid():N}";
        await Read.OkAsync(app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = secret, @internal = true }));
        var note = Entries(await Drive.ReadAsync(app.Cast.Mediator, id))[^1];

        var page = await (await Browser.SignedInAsync(app, email, Session.Password)).GetStringAsync($"/Disputes/{id}");

        Assert.Contains("内部记录（内容不公开）", page, StringComparison.Ordinal);
        Assert.Contains($"#{note.GetProperty("sequence").GetInt32()} {Hash(note)}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
    }

    private static List<JsonElement> Entries(JsonElement dispute) => dispute.GetProperty("timeline").EnumerateArray().ToList();

    private static string? Hash(JsonElement entry) => entry.GetProperty("hash").GetString();

    private async Task<IEnumerable<string?>> BundleHashesAsync(Guid id)
    {
        var response = await app.Cast.Mediator.Api.GetAsync($"/api/v1/disputes/{id}/bundle");
        response.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        await using var timeline = await zip.GetEntry("timeline.json")!.OpenAsync();
        var json = await JsonDocument.ParseAsync(timeline);
        return json.RootElement.GetProperty("Entries").EnumerateArray().Select(e => e.GetProperty("Hash").GetString()).ToList();
    }
}
