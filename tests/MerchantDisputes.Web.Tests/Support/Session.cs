using System.Net;
using System.Text.Json;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>Registering and signing in through the public API, as a real client would.</summary>
public static class Session
{
    public const string Password = "Correct-Horse-9";

    public static async Task<ApiClient> NewMerchantAsync(DisputesAppFactory app, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        email ??= $"m-{Guid.NewGuid():N}@shop.test";
        var client = new ApiClient(app.CreateClient());
        var registered = await client.PostAsync("/api/v1/auth/register", AMerchant.Registration(email));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await SignInAsync(client, email, Password);
        return client;
    }

    public static async Task SignInAsync(ApiClient client, string email, string password, string? twoFactorCode = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var login = await client.PostAsync("/api/v1/auth/login", new { email, password, twoFactorCode });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await ApiClient.ReadAsync(login);
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        client.UseToken(body.GetProperty("accessToken").GetString()!);
    }

    public static async Task<JsonElement> CreateAsync(ApiClient client, object body)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsync("/api/v1/disputes", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ApiClient.ReadAsync(response);
    }
}
