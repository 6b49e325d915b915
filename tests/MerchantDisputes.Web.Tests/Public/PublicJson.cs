using System.Net;
using System.Text.Json;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>Reading the public API's JSON in tests: anonymous client, rows by key.</summary>
internal static class PublicJson
{
    public static async Task<JsonElement> GetAsync(DisputesAppFactory app, string url, string? language = null)
    {
        var client = new ApiClient(app.CreateClient());
        if (language is not null)
        {
            client.UseLanguage(language);
        }

        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiClient.ReadAsync(response);
    }

    public static JsonElement Row(this JsonElement rows, string key, string keyProperty = "key") =>
        rows.EnumerateArray().Single(r => r.GetProperty(keyProperty).GetString() == key);

    /// <summary>(count, percent) of a distribution row.</summary>
    public static (int Count, decimal Percent) Share(this JsonElement rows, string key) =>
        rows.Row(key) is var row ? (row.GetProperty("count").GetInt32(), row.GetProperty("percent").GetDecimal()) : default;

    public static decimal? NullableDecimal(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetDecimal();

    public static string? NullableString(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetString();
}
