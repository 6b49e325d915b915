using System.Net;
using System.Text.Json;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Workflow.Support;

/// <summary>Small readers over the API's answers.</summary>
public static class Read
{
    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string[] Kinds(JsonElement dispute) =>
        dispute.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray();

    public static string? Text(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetString();

    public static async Task<JsonElement> VerifyAsync(Person reader, Guid id)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return await OkAsync(reader.Api.GetAsync($"/api/v1/disputes/{id}/timeline/verify"));
    }
}
