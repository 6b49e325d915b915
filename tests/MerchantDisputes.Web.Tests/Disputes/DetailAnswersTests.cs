using System.Net;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Features.Disputes;
using MerchantDisputes.Web.Tests.Support;
using MerchantDisputes.Web.Tests.Workflow.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Disputes;

/// <summary>
/// A case detail is answered from the JSON kept for it (<see cref="DetailAnswers"/>) only while the case and its
/// platform's name are unchanged, and only to people who may see the case, in their language and timeline audience.
/// A commit by anyone, here written from a connection of the test's own as another process would, is in the very next
/// answer.
/// </summary>
public sealed class DetailAnswersTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    private DetailAnswers Answers => app.Services.GetRequiredService<DetailAnswers>();

    [Fact]
    public async Task A_kept_answer_is_the_bytes_and_headers_of_the_answer_it_was_kept_from()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Submitted, app.Cast.Owner);
        var keptBefore = Answers.Count;

        using var first = await app.Cast.Mediator.Api.GetAsync($"/api/v1/disputes/{id}");
        var keptAfterFirst = Answers.Count;
        using var second = await app.Cast.Mediator.Api.GetAsync($"/api/v1/disputes/{id}");

        Assert.Equal(keptBefore + 1, keptAfterFirst);
        Assert.Equal(keptAfterFirst, Answers.Count);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("application/json; charset=utf-8", second.Content.Headers.ContentType?.ToString());
        Assert.Equal(second.Content.Headers.ContentLength, (await second.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_change_to_the_case_is_in_the_next_answer()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform, app.Cast.Owner);
        var before = await Drive.ReadAsync(app.Cast.Mediator, id);
        var message = $"message-{Guid.NewGuid():N}";

        await Read.OkAsync(app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = message }));
        var after = await Drive.ReadAsync(app.Cast.Mediator, id);

        Assert.Equal(before.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
        Assert.Contains(message, after.GetProperty("timeline").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renamed_platform_is_in_the_next_answer_though_the_case_did_not_change()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Submitted, app.Cast.Owner);
        app.Cast.Mediator.Api.UseLanguage("en");
        var before = await Drive.ReadAsync(app.Cast.Mediator, id);
        var slug = before.GetProperty("platform").GetString();
        var names = await ApiClient.ReadAsync(await app.Cast.Admin.Api.GetAsync("/api/v1/admin/platforms"));
        var platform = Assert.Single(names.EnumerateArray(), p => p.GetProperty("slug").GetString() == slug);
        var (zh, en) = (platform.GetProperty("nameZh").GetString(), platform.GetProperty("nameEn").GetString());

        await Read.OkAsync(app.Cast.Admin.Api.PutAsync($"/api/v1/admin/platforms/{slug}", new { nameZh = zh, nameEn = "Renamed Market", isActive = true }));
        try
        {
            var after = await Drive.ReadAsync(app.Cast.Mediator, id);

            Assert.Equal(en, before.GetProperty("platformName").GetString());
            Assert.Equal("Renamed Market", after.GetProperty("platformName").GetString());
            Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        }
        finally
        {
            await Read.OkAsync(app.Cast.Admin.Api.PutAsync($"/api/v1/admin/platforms/{slug}", new { nameZh = zh, nameEn = en, isActive = true }));
        }
    }

    [Fact]
    public async Task An_answer_kept_for_one_person_is_never_served_to_someone_who_may_not_see_the_case()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform, app.Cast.Owner);
        await Drive.ReadAsync(app.Cast.Owner, id);
        await Drive.ReadAsync(app.Cast.Agent, id);
        await Drive.ReadAsync(app.Cast.Mediator, id);

        foreach (var outsider in new[] { app.Cast.OtherMerchant, app.Cast.OtherAgent, app.Cast.Lawyer })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Api.GetAsync($"/api/v1/disputes/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_staff_answer_with_internal_notes_kept_first_is_not_the_one_the_merchant_and_platform_get()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.AwaitingPlatform, app.Cast.Owner);
        var secret = $"internal-note-{Guid.NewGuid():N}";
        await Read.OkAsync(app.Cast.Mediator.Api.PostAsync($"/api/v1/disputes/{id}/messages", new { body = secret, @internal = true }));
        foreach (var reader in new[] { app.Cast.Mediator, app.Cast.Owner, app.Cast.Agent })
        {
            reader.Api.UseLanguage("zh-CN"); // one language, so only the audience tells their answers apart
        }

        var staff = await Drive.ReadAsync(app.Cast.Mediator, id);
        var merchant = await Drive.ReadAsync(app.Cast.Owner, id);
        var agent = await Drive.ReadAsync(app.Cast.Agent, id);

        Assert.Contains(secret, staff.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, merchant.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, agent.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chinese_and_English_answers_are_kept_apart()
    {
        // AliExpress: its Chinese and English names differ (1688's do not).
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Submitted, app.Cast.Owner, ADispute.RefundOnly(WorkflowApp.OtherPlatform));
        var reader = app.Cast.OtherMediator.Api;

        reader.UseLanguage("zh-CN");
        var zh = await ApiClient.ReadAsync(await reader.GetAsync($"/api/v1/disputes/{id}"));
        reader.UseLanguage("en");
        var en = await ApiClient.ReadAsync(await reader.GetAsync($"/api/v1/disputes/{id}"));
        reader.UseLanguage("zh-CN");
        var zhAgain = await ApiClient.ReadAsync(await reader.GetAsync($"/api/v1/disputes/{id}"));

        Assert.Equal("AliExpress", en.GetProperty("platformName").GetString());
        Assert.NotEqual(zh.GetProperty("platformName").GetString(), en.GetProperty("platformName").GetString());
        Assert.Equal(zh.GetRawText(), zhAgain.GetRawText());
    }

    [Fact]
    public async Task A_change_another_process_commits_is_in_the_next_answer()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Submitted, app.Cast.Owner);
        await Drive.ReadAsync(app.Cast.Mediator, id);
        var before = await Drive.ReadAsync(app.Cast.Mediator, id);
        var title = $"title-{Guid.NewGuid():N}";

        await WriteOutsideTheAppAsync("UPDATE Disputes SET Title = $text, Version = Version + 1 WHERE upper(Id) = upper($id)", ("$text", title), ("$id", id.ToString()));
        var after = await Drive.ReadAsync(app.Cast.Mediator, id);

        Assert.Equal(before.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
        Assert.Equal(title, after.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_case_another_process_takes_out_of_a_merchant_s_hands_is_hidden_from_them_at_once()
    {
        var id = await new Drive(app).ToStatusAsync(DisputeStatus.Submitted, app.Cast.Owner);
        await Drive.ReadAsync(app.Cast.Owner, id);
        await Drive.ReadAsync(app.Cast.Owner, id);
        var other = await Drive.ReadAsync(app.Cast.OtherMerchant, await new Drive(app).ToStatusAsync(DisputeStatus.Submitted, app.Cast.OtherMerchant));
        var otherMerchant = await MerchantOfAsync(other.GetProperty("id").GetGuid());

        await WriteOutsideTheAppAsync("UPDATE Disputes SET MerchantId = $merchant WHERE upper(Id) = upper($id)", ("$merchant", otherMerchant), ("$id", id.ToString()));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Cast.Owner.Api.GetAsync($"/api/v1/disputes/{id}")).StatusCode);
    }

    private async Task WriteOutsideTheAppAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await SqliteWriteLock.OpenAsync(app.DatabaseFile);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<object> MerchantOfAsync(Guid id)
    {
        await using var connection = await SqliteWriteLock.OpenAsync(app.DatabaseFile);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MerchantId FROM Disputes WHERE upper(Id) = upper($id)";
        command.Parameters.AddWithValue("$id", id.ToString());
        return await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("no such case");
    }
}
