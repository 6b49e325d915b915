using System.Net;
using System.Text.Json;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Disputes;

/// <summary>Every bad request gets 400 with a message on the field at fault, and nothing is written.</summary>
public sealed class BadInputTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { Serialize(ADispute.RefundOnly().With("amount", -1m)), "amount" },
        { Serialize(ADispute.RefundOnly().With("amount", 12.345m)), "amount" },
        { Serialize(ADispute.RefundOnly().With("amount", 100_000_000.01m)), "amount" },
        { Serialize(ADispute.RefundOnly().WithDetail("refundOnly", "orderNumber", null)), "refundOnly.orderNumber" },
        { Serialize(ADispute.RefundOnly().With("refundOnly", null)), "refundOnly.orderNumber" },
        { Serialize(ADispute.RefundOnly().With("platform", "no-such-platform")), "platform" },
        { Serialize(ADispute.RefundOnly().With("type", "Chargeback")), "type" },
        { Serialize(ADispute.RefundOnly().With("narrative", new string('诉', 5_001))), "narrative" },
        { Serialize(ADispute.RefundOnly().With("currency", "RMB")), "currency" },
        { "{\"platform\": \"1688\", \"type\": ", "body" },
        { Serialize(ADispute.RefundOnly().With("amount", "lots")), "amount" },
        { Serialize(ADispute.FrozenFunds().WithDetail("frozenFunds", "statedFreezeDays", "forever")), "frozenFunds.statedFreezeDays" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_dispute_is_answered_400_on_its_field_and_nothing_is_written(string json, string field)
    {
        var merchant = await Session.NewMerchantAsync(app);
        var before = await CountsAsync();

        var response = await merchant.PostRawAsync("/api/v1/disputes", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiClient.ReadAsync(response);
        var messages = problem.GetProperty("errors").GetProperty(field);
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Field_messages_follow_the_callers_language()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var body = Serialize(ADispute.RefundOnly().With("amount", -1m));

        var chinese = await ApiClient.ReadAsync(await merchant.PostRawAsync("/api/v1/disputes", body));
        merchant.UseLanguage("en");
        var english = await ApiClient.ReadAsync(await merchant.PostRawAsync("/api/v1/disputes", body));

        Assert.Equal("涉及金额不能为负数。", chinese.GetProperty("errors").GetProperty("amount")[0].GetString());
        Assert.Equal("Amount cannot be negative.", english.GetProperty("errors").GetProperty("amount")[0].GetString());
    }

    [Fact]
    public async Task A_bad_edit_leaves_the_stored_draft_untouched()
    {
        var merchant = await Session.NewMerchantAsync(app);
        var id = (await Session.CreateAsync(merchant, ADispute.RefundOnly())).GetProperty("id").GetString();

        var response = await merchant.PutAsync($"/api/v1/disputes/{id}", ADispute.RefundOnly().With("amount", -5m).With("title", "changed"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var read = await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{id}"));
        Assert.Equal(1340.70m, read.GetProperty("amount").GetDecimal());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
        Assert.Equal(1, read.GetProperty("timeline").GetArrayLength());
    }

    private static string Serialize(object body) => JsonSerializer.Serialize(body, ApiClient.Json);

    private Task<(int Disputes, int Timeline, long Sequence)> CountsAsync() => app.WithDbAsync(async db => (
        await db.Disputes.CountAsync(),
        await db.TimelineEntries.CountAsync(),
        await db.CaseNumberSequences.SumAsync(s => s.LastValue)));
}
