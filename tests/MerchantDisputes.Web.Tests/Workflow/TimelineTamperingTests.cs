using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Tests.Workflow.Support;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>Someone with database access rewrites history; GET /timeline/verify must notice and say where.</summary>
public sealed class TimelineTamperingTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    [Fact]
    public async Task Rewriting_the_data_of_a_stored_entry_is_reported_at_that_entry()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Resolved);
        var untouched = await new Drive(app).ToStatusAsync(DisputeStatus.Resolved);
        var before = await Read.VerifyAsync(app.Cast.Owner, id);
        Assert.True(before.GetProperty("intact").GetBoolean());
        var forward = EntryOf(await Drive.ReadAsync(app.Cast.Mediator, id), "Forward");
        var sequence = forward.GetProperty("sequence").GetInt32();

        var rows = await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"TimelineEntries\" SET \"DataJson\" = {0} WHERE \"Hash\" = {1}",
            "{\"note\":\"平台已于期限内答复\",\"respondBy\":\"2026-12-31T00:00:00.0000000Z\"}",
            forward.GetProperty("hash").GetString()!));

        Assert.Equal(1, rows);
        var after = await Read.VerifyAsync(app.Cast.Owner, id);
        Assert.False(after.GetProperty("intact").GetBoolean());
        Assert.Equal(sequence, after.GetProperty("firstBrokenSequence").GetInt32());
        Assert.Equal(before.GetProperty("entries").GetInt32(), after.GetProperty("entries").GetInt32());
        Assert.False((await Read.VerifyAsync(app.Cast.Mediator, id)).GetProperty("intact").GetBoolean());
        Assert.True((await Read.VerifyAsync(app.Cast.Owner, untouched)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Deleting_the_newest_entry_is_caught_by_the_case_head()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Resolved);
        var detail = await Drive.ReadAsync(app.Cast.Owner, id);
        var newest = detail.GetProperty("timeline").EnumerateArray().Last();

        var rows = await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"TimelineEntries\" WHERE \"Hash\" = {0}", newest.GetProperty("hash").GetString()!));

        Assert.Equal(1, rows);
        var verify = await Read.VerifyAsync(app.Cast.Owner, id);
        Assert.False(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(newest.GetProperty("sequence").GetInt32(), verify.GetProperty("firstBrokenSequence").GetInt32());
    }

    private static System.Text.Json.JsonElement EntryOf(System.Text.Json.JsonElement dispute, string kind) =>
        dispute.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == kind);
}
