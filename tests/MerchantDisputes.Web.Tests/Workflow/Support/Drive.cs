using System.Net;
using System.Text.Json;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Workflow.Support;

/// <summary>
/// Builds a case in any status the API can reach, by the same requests a merchant, a mediator and the platform's
/// agent would send. One path per status, chosen so that the interesting facts show: Closed is reached after the
/// platform answered and the merchant contested (so it can be rated and the platform sees it), Rejected before
/// forwarding (the platform never sees it), Withdrawn while the platform is answering (it still sees it).
/// </summary>
public sealed class Drive(WorkflowApp app)
{
    /// <param name="merchant">The owner; the cast's owner when null.</param>
    /// <param name="body">The new dispute; a 1688 refund-only case when null. Its platform must be the cast agent's.</param>
    public async Task<Guid> ToStatusAsync(DisputeStatus status, Person? merchant = null, Dictionary<string, object?>? body = null)
    {
        var cast = app.Cast;
        merchant ??= cast.Owner;
        switch (status)
        {
            case DisputeStatus.Draft:
                var created = await Session.CreateAsync(merchant.Api, body ?? ADispute.RefundOnly(WorkflowApp.Platform));
                var id = created.GetProperty("id").GetGuid();
                await Arrange.EvidenceAsync(merchant.Api, id);
                return id;
            case DisputeStatus.Submitted:
                return await StepAsync(await ToStatusAsync(DisputeStatus.Draft, merchant, body), merchant, DisputeAction.Submit, status);
            case DisputeStatus.UnderReview:
                return await StepAsync(await ToStatusAsync(DisputeStatus.Submitted, merchant, body), cast.Mediator, DisputeAction.Claim, status);
            case DisputeStatus.NeedsInfo:
                return await StepAsync(await ToStatusAsync(DisputeStatus.UnderReview, merchant, body), cast.Mediator, DisputeAction.RequestInfo, status);
            case DisputeStatus.AwaitingPlatform:
                return await StepAsync(await ToStatusAsync(DisputeStatus.UnderReview, merchant, body), cast.Mediator, DisputeAction.Forward, status);
            case DisputeStatus.PlatformResponded:
                return await StepAsync(await ToStatusAsync(DisputeStatus.AwaitingPlatform, merchant, body), cast.Agent, DisputeAction.PlatformRespond, status);
            case DisputeStatus.Resolved:
                return await StepAsync(await ToStatusAsync(DisputeStatus.PlatformResponded, merchant, body), merchant, DisputeAction.Accept, status);
            case DisputeStatus.Rejected:
                return await StepAsync(await ToStatusAsync(DisputeStatus.UnderReview, merchant, body), cast.Mediator, DisputeAction.Reject, status);
            case DisputeStatus.Closed:
                var contested = await StepAsync(
                    await ToStatusAsync(DisputeStatus.PlatformResponded, merchant, body), merchant, DisputeAction.Contest, DisputeStatus.UnderReview);
                return await StepAsync(contested, cast.Mediator, DisputeAction.Close, status);
            case DisputeStatus.Withdrawn:
                return await StepAsync(await ToStatusAsync(DisputeStatus.AwaitingPlatform, merchant, body), merchant, DisputeAction.Withdraw, status);
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Drive has no path to this status; add one.");
        }
    }

    /// <summary>The case as its owner reads it.</summary>
    public static async Task<JsonElement> ReadAsync(Person reader, Guid id)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var response = await reader.Api.GetAsync($"/api/v1/disputes/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiClient.ReadAsync(response);
    }

    private static async Task<Guid> StepAsync(Guid id, Person actor, DisputeAction action, DisputeStatus expected)
    {
        var response = await actor.Api.SendAsync(action, id);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{actor} {action} on {id}: {(int)response.StatusCode} {text}");
        var status = JsonDocument.Parse(text).RootElement.GetProperty("status").GetString();
        Assert.Equal(expected.ToString(), status);
        return id;
    }
}
