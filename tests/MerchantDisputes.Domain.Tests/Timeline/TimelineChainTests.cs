using System.Globalization;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Domain.Tests.Timeline;

public class TimelineChainTests
{
    private static readonly Guid DisputeId = Guid.Parse("0195f2a0-0000-7000-8000-0000000000d1");
    private static readonly Guid MerchantId = Guid.Parse("0195f2a0-1111-7000-8000-000000000001");
    private static readonly DateTimeOffset Start = new(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Each_entry_carries_the_hash_of_the_one_before()
    {
        var chain = Chain(4);

        Assert.Equal(TimelineEntry.GenesisHash, chain[0].PreviousHash);
        Assert.All(chain.Skip(1), (entry, i) => Assert.Equal(chain[i].Hash, entry.PreviousHash));
        Assert.All(chain, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.Equal(4, chain.Select(e => e.Hash).Distinct().Count());
    }

    [Fact]
    public void An_intact_chain_verifies() =>
        Assert.Null(TimelineVerifier.FirstBroken(Chain(4)));

    [Fact]
    public void An_empty_chain_verifies() =>
        Assert.Null(TimelineVerifier.FirstBroken([]));

    [Fact]
    public void A_chain_verifies_in_whatever_order_the_rows_arrive() =>
        Assert.Null(TimelineVerifier.FirstBroken(Chain(4).AsEnumerable().Reverse()));

    [Fact]
    public void Rewriting_the_data_of_an_entry_is_found_at_that_entry()
    {
        var chain = Chain(4);
        chain[1].Set(nameof(TimelineEntry.DataJson), """{"n":"20"}""");

        Assert.Equal(2, TimelineVerifier.FirstBroken(chain));
    }

    [Fact]
    public void Rewriting_the_kind_of_an_entry_is_found_at_that_entry()
    {
        var chain = Chain(4);
        chain[2].Set(nameof(TimelineEntry.Kind), "Accept");

        Assert.Equal(3, TimelineVerifier.FirstBroken(chain));
    }

    [Fact]
    public void Rewriting_an_entry_and_its_own_hash_is_found_at_the_next_entry()
    {
        var chain = Chain(4);
        chain[1].Set(nameof(TimelineEntry.Kind), "Accept");
        chain[1].Set(nameof(TimelineEntry.Hash), chain[1].ComputeHash());

        Assert.Equal(3, TimelineVerifier.FirstBroken(chain));
    }

    [Fact]
    public void Deleting_an_entry_is_found_at_the_entry_after_the_gap()
    {
        var chain = Chain(4);
        chain.RemoveAt(1);

        Assert.Equal(3, TimelineVerifier.FirstBroken(chain));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("")]
    public void Data_rewritten_into_something_that_is_not_JSON_is_reported_not_thrown(string dataJson)
    {
        var chain = Chain(3);
        chain[1].Set(nameof(TimelineEntry.DataJson), dataJson);

        Assert.Equal(2, TimelineVerifier.FirstBroken(chain));
    }

    [Fact]
    public void The_same_input_gives_the_same_hash() =>
        Assert.Equal(
            TimelineEntry.Create(PinnedDraft(), TimelineEntry.GenesisHash).Hash,
            TimelineEntry.Create(PinnedDraft(), TimelineEntry.GenesisHash).Hash);

    [Fact]
    public void The_order_of_the_data_keys_does_not_change_the_hash()
    {
        var reordered = PinnedDraft() with
        {
            Data = new Dictionary<string, string?> { ["type"] = "RefundOnly", ["reason"] = "包裹退回", ["caseNumber"] = "MD-2026-000123" },
        };

        Assert.Equal(
            TimelineEntry.Create(PinnedDraft(), TimelineEntry.GenesisHash).Hash,
            TimelineEntry.Create(reordered, TimelineEntry.GenesisHash).Hash);
    }

    [Fact]
    public void The_same_instant_in_another_offset_gives_the_same_hash() =>
        Assert.Equal(
            TimelineEntry.Create(PinnedDraft(), TimelineEntry.GenesisHash).Hash,
            TimelineEntry.Create(PinnedDraft() with { OccurredAt = Start.ToUniversalTime() }, TimelineEntry.GenesisHash).Hash);

    [Fact]
    public void The_canonical_content_of_a_known_entry_is_pinned() =>
        Assert.Equal(
            """{"seq":"1","dispute":"0195f2a0-0000-7000-8000-0000000000d1","kind":"Created","actor":"0195f2a0-1111-7000-8000-000000000001","role":"Merchant","at":"2026-03-15T02:30:00.0000000Z","audience":"Everyone","data":{"caseNumber":"MD-2026-000123","reason":"\u5305\u88F9\u9000\u56DE","type":"RefundOnly"}}""",
            TimelineEntry.Create(PinnedDraft(), TimelineEntry.GenesisHash).CanonicalContent());

    /// <summary>Stored chains are verified against this: if it changes, every stored timeline stops verifying.</summary>
    [Fact]
    public void The_hash_of_a_known_entry_is_pinned() =>
        Assert.Equal(
            "f9e203f656025bf394b115e6b034a36ccf053207d1133ccf701a0153befc643a",
            TimelineEntry.Create(PinnedDraft(), TimelineEntry.GenesisHash).Hash);

    private static TimelineDraft PinnedDraft() => new(
        Guid.Parse("0195f2a0-0000-7000-8000-0000000000e1"),
        DisputeId,
        1,
        "Created",
        MerchantId,
        Roles.Merchant,
        Start,
        new Dictionary<string, string?> { ["caseNumber"] = "MD-2026-000123", ["type"] = "RefundOnly", ["reason"] = "包裹退回" });

    private static List<TimelineEntry> Chain(int length)
    {
        var chain = new List<TimelineEntry>();
        for (var sequence = 1; sequence <= length; sequence++)
        {
            var previous = chain.Count == 0 ? TimelineEntry.GenesisHash : chain[^1].Hash;
            chain.Add(TimelineEntry.Create(Step(sequence), previous));
        }

        return chain;
    }

    private static TimelineDraft Step(int sequence) => new(
        Guid.CreateVersion7(Start),
        DisputeId,
        sequence,
        "Step",
        MerchantId,
        Roles.Merchant,
        Start.AddMinutes(sequence),
        new Dictionary<string, string?> { ["n"] = sequence.ToString(CultureInfo.InvariantCulture) });
}
