using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantDisputes.Web.Tests.Disputes;

/// <summary>
/// Who filed a case: the store, its id on the platform and the province for mediators, lawyers and the platform's
/// agents; the e-mail for mediators and lawyers only; nothing of it for the public or other merchants.
/// </summary>
public sealed class FiledByTests : IDisposable
{
    private const string StoreName = "卢记档口批发";
    private const string ProfileStoreId = "shop-20240312";
    private const string CaseStoreId = "b2b-881177";

    private readonly DisputesAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Mediators_lawyers_and_the_platforms_agents_see_who_filed_and_only_the_channels_staff_the_email()
    {
        var (email, merchant, id) = await ForwardedFrozenFundsCaseAsync();
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);
        var agent = await Staff.SignInAsync(_app, Roles.PlatformAgent, "1688");

        var toMediator = await DetailAsync(mediator, id);
        var toAgent = await DetailAsync(agent, id);
        var toOwner = await DetailAsync(merchant, id);

        Assert.Equal(StoreName, toMediator.GetProperty("merchant").GetProperty("storeName").GetString());
        Assert.Equal(CaseStoreId, toMediator.GetProperty("merchant").GetProperty("storeId").GetString());
        Assert.Equal("CN-GD", toMediator.GetProperty("merchant").GetProperty("province").GetString());
        Assert.Equal(email, toMediator.GetProperty("merchant").GetProperty("email").GetString());
        Assert.Equal(StoreName, toAgent.GetProperty("merchant").GetProperty("storeName").GetString());
        Assert.Equal(CaseStoreId, toAgent.GetProperty("merchant").GetProperty("storeId").GetString());
        Assert.Equal("CN-GD", toAgent.GetProperty("merchant").GetProperty("province").GetString());
        Assert.Equal(JsonValueKind.Null, toAgent.GetProperty("merchant").GetProperty("email").ValueKind);
        Assert.DoesNotContain(email, toAgent.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, toOwner.GetProperty("merchant").ValueKind);
        Assert.Equal(CaseStoreId, toOwner.GetProperty("frozenFunds").GetProperty("storeId").GetString());

        await EscalateToLegalReviewAsync();
        var lawyer = await Staff.SignInAsync(_app, Roles.Lawyer);
        var toLawyer = await DetailAsync(lawyer, id);
        Assert.Equal(StoreName, toLawyer.GetProperty("merchant").GetProperty("storeName").GetString());
        Assert.Equal(email, toLawyer.GetProperty("merchant").GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_refund_only_case_shows_the_profiles_store_id_and_a_changed_profile_is_not_served_from_a_kept_answer()
    {
        var email = $"filed-{Guid.NewGuid():N}@shop.test";
        var merchant = await RegisterAsync(email);
        var id = await Uploads.SubmittedCaseAsync(merchant, ADispute.RefundOnly("1688"), seed: 4101);
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);
        var before = await DetailAsync(mediator, id);
        var renamed = await merchant.PutAsync("/api/v1/me", new { displayName = "卢明", storeName = "卢记新店", province = "CN-GD", storeId = "shop-new-1" });
        var after = await DetailAsync(mediator, id);

        Assert.Equal(ProfileStoreId, before.GetProperty("merchant").GetProperty("storeId").GetString());
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("shop-new-1", (await ApiClient.ReadAsync(renamed)).GetProperty("storeId").GetString());
        Assert.Equal("卢记新店", after.GetProperty("merchant").GetProperty("storeName").GetString());
        Assert.Equal("shop-new-1", after.GetProperty("merchant").GetProperty("storeId").GetString());
    }

    [Fact]
    public async Task The_case_page_shows_who_filed_to_the_mediator_and_agent_and_nothing_of_it_reaches_the_public_or_the_merchant()
    {
        var (email, _, id) = await ForwardedFrozenFundsCaseAsync();
        var mediator = await PageCast.StaffAsync(_app, Roles.Mediator);
        var agent = await PageCast.StaffAsync(_app, Roles.PlatformAgent, "1688");
        var owner = await Browser.SignedInAsync(_app, email, Session.Password);
        var anonymous = Browser.NewBrowser(_app);

        var mediatorPage = await mediator.GetStringAsync($"/Disputes/{id}");
        var agentPage = await agent.GetStringAsync($"/Disputes/{id}");
        var ownerPage = await owner.GetStringAsync($"/Disputes/{id}");
        var publicText = await anonymous.GetStringAsync("/api/v1/public/feed") + await anonymous.GetStringAsync("/Public")
            + await anonymous.GetStringAsync("/api/v1/public/stats") + await anonymous.GetStringAsync($"/reports/{DateTime.UtcNow.Year}");

        Assert.Contains("id=\"merchant-heading\"", mediatorPage, StringComparison.Ordinal);
        Assert.Contains(StoreName, mediatorPage, StringComparison.Ordinal);
        Assert.Contains(CaseStoreId, mediatorPage, StringComparison.Ordinal);
        Assert.Contains($"mailto:{email}", mediatorPage, StringComparison.Ordinal);
        Assert.Contains(StoreName, agentPage, StringComparison.Ordinal);
        Assert.DoesNotContain(email, agentPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"merchant-heading\"", ownerPage, StringComparison.Ordinal);
        Assert.Contains("\"FrozenFunds\"", publicText, StringComparison.Ordinal); // the case is listed, without who filed it
        Assert.DoesNotContain(StoreName, publicText, StringComparison.Ordinal);
        Assert.DoesNotContain(ProfileStoreId, publicText, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseStoreId, publicText, StringComparison.Ordinal);
        Assert.DoesNotContain(email, publicText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop\u200B1")]
    [InlineData("shop\u202E1")]
    public async Task A_store_id_with_hidden_characters_is_refused_on_the_profile_and_on_the_case(string storeId)
    {
        var merchant = await RegisterAsync($"hidden-{Guid.NewGuid():N}@shop.test");
        var profile = await merchant.PutAsync("/api/v1/me", new { displayName = "卢明", storeName = StoreName, province = "CN-GD", storeId });
        var body = ADispute.FrozenFunds("1688");
        ((Dictionary<string, object?>)body["frozenFunds"]!)["storeId"] = storeId;
        var filed = await merchant.PostAsync("/api/v1/disputes", body);

        Assert.Equal(HttpStatusCode.BadRequest, profile.StatusCode);
        Assert.True((await ApiClient.ReadAsync(profile)).GetProperty("errors").TryGetProperty("storeId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, filed.StatusCode);
        Assert.True((await ApiClient.ReadAsync(filed)).GetProperty("errors").TryGetProperty("frozenFunds.storeId", out _));
    }

    [Fact]
    public async Task A_store_id_longer_than_64_characters_is_refused_at_registration()
    {
        var body = AMerchant.Registration($"long-{Guid.NewGuid():N}@shop.test");
        body["storeId"] = new string('x', 65);
        var registered = await new ApiClient(_app.CreateClient()).PostAsync("/api/v1/auth/register", body);

        Assert.Equal(HttpStatusCode.BadRequest, registered.StatusCode);
        Assert.True((await ApiClient.ReadAsync(registered)).GetProperty("errors").TryGetProperty("storeId", out _));
    }

    private async Task<ApiClient> RegisterAsync(string email)
    {
        var body = AMerchant.Registration(email);
        body["storeName"] = StoreName;
        body["storeId"] = ProfileStoreId;
        var client = new ApiClient(_app.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/auth/register", body)).StatusCode);
        await Session.SignInAsync(client, email, Session.Password);
        return client;
    }

    /// <summary>A 1688 frozen-funds case naming its store, submitted, claimed and forwarded.</summary>
    private async Task<(string Email, ApiClient Merchant, string Id)> ForwardedFrozenFundsCaseAsync()
    {
        var email = $"filed-{Guid.NewGuid():N}@shop.test";
        var merchant = await RegisterAsync(email);
        var body = ADispute.FrozenFunds("1688");
        ((Dictionary<string, object?>)body["frozenFunds"]!)["storeId"] = CaseStoreId;
        var id = await Uploads.SubmittedCaseAsync(merchant, body, seed: 4100);
        var mediator = await Staff.SignInAsync(_app, Roles.Mediator);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/claim", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mediator.PostAsync($"/api/v1/disputes/{id}/forward", new { })).StatusCode);
        return (email, merchant, id);
    }

    private async Task EscalateToLegalReviewAsync()
    {
        foreach (var step in new[] { CaseWindows.Default.PlatformResponse, CaseWindows.Default.Reminder })
        {
            _app.Clock.AdvanceTo(step);
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);
        }
    }

    private static async Task<JsonElement> DetailAsync(ApiClient client, string id)
    {
        var response = await client.GetAsync($"/api/v1/disputes/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiClient.ReadAsync(response);
    }
}
