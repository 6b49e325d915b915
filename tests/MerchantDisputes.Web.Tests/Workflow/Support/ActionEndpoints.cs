using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Workflow.Support;

/// <summary>How a client asks for one <see cref="DisputeAction"/>: method, route under the case, and a valid body.</summary>
public sealed record ActionRequest(HttpMethod Method, string Route, Func<object?> Body)
{
    public string Url(Guid id) => $"/api/v1/disputes/{id}{Route}";
}

/// <summary>
/// Every <see cref="DisputeAction"/> either has an endpoint here or is a timer with no endpoint. A new action that is
/// in neither makes the matrix tests fail, so nobody can add a move that the API and its rules never meet.
/// </summary>
public static class ActionEndpoints
{
    public static IReadOnlyDictionary<DisputeAction, ActionRequest> Api { get; } = new Dictionary<DisputeAction, ActionRequest>
    {
        [DisputeAction.EditDraft] = new(HttpMethod.Put, string.Empty, () => ADispute.RefundOnly(WorkflowApp.Platform).With("title", "修改后的标题")),
        [DisputeAction.Submit] = new(HttpMethod.Post, "/submit", () => null),
        [DisputeAction.Withdraw] = new(HttpMethod.Post, "/withdraw", () => new { reason = "已与平台私下协商" }),
        [DisputeAction.Claim] = new(HttpMethod.Post, "/claim", () => null),
        [DisputeAction.RequestInfo] = new(HttpMethod.Post, "/request-info", () => new { message = "请补充物流退回签收记录截图。" }),
        [DisputeAction.ProvideInfo] = new(HttpMethod.Post, "/provide-info", () => new { message = "已补充退回签收记录。" }),
        [DisputeAction.Reject] = new(HttpMethod.Post, "/reject", () => new { reason = "不属于本渠道受理范围。" }),
        [DisputeAction.Forward] = new(HttpMethod.Post, "/forward", () => new { note = "请平台核实物流退回记录。" }),
        [DisputeAction.PlatformRespond] = new(HttpMethod.Post, "/platform-response", () => new { outcome = "Reversed", message = "经核实撤销仅退款判罚。" }),
        [DisputeAction.Accept] = new(HttpMethod.Post, "/accept", () => null),
        [DisputeAction.Contest] = new(HttpMethod.Post, "/contest", () => new { reason = "平台答复未回应冻结理由。" }),
        [DisputeAction.Close] = new(HttpMethod.Post, "/close", () => new { reason = "双方无法达成一致。" }),
        [DisputeAction.Rate] = new(HttpMethod.Post, "/rating", () => new { score = 5, comment = "处理及时。" }),
    };

    /// <summary>Moves only the deadline sweep makes; there is deliberately no endpoint for them.</summary>
    public static IReadOnlySet<DisputeAction> Timers { get; } = new HashSet<DisputeAction>
    {
        DisputeAction.Escalate, DisputeAction.ExpireInfoRequest, DisputeAction.AutoResolve,
    };

    public static Task<HttpResponseMessage> SendAsync(this ApiClient client, DisputeAction action, Guid id, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!Api.TryGetValue(action, out var endpoint))
        {
            throw new InvalidOperationException($"{action} has no endpoint mapping in {nameof(ActionEndpoints)}.");
        }

        var body = endpoint.Body();
        var request = new HttpRequestMessage(endpoint.Method, endpoint.Url(id))
        {
            Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body, options: ApiClient.Json),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.Http.SendAsync(request);
    }
}
