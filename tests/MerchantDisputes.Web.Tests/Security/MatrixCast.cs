using System.Net.Http.Json;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>
/// The eight people of the matrix, each with a bearer client for /api and a cookie browser for pages, around one
/// 1688 case forwarded to the platform with one screenshot.
/// </summary>
public sealed class MatrixCast
{
    private readonly HttpClient[] _api = new HttpClient[8];
    private readonly HttpClient[] _browser = new HttpClient[8];
    private string _caseId = string.Empty;
    private string _evidenceId = string.Empty;
    private string _ownerId = string.Empty;

    public static async Task<MatrixCast> CreateAsync(DisputesAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cast = new MatrixCast();
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        cast._api[0] = app.CreateClient(options);
        cast._browser[0] = app.CreateClient(options);
        var (owner, id, _, _) = await PageCast.ForwardedCaseAsync(app);
        cast._caseId = id;
        cast._ownerId = owner.Id.ToString();
        var evidence = await ApiClient.ReadAsync(await owner.Api.GetAsync($"/api/v1/disputes/{id}/evidence"));
        cast._evidenceId = evidence[0].GetProperty("id").GetString()!;
        cast._api[1] = owner.Api.Http;
        cast._browser[1] = owner.Browser;
        var other = await PageCast.MerchantAsync(app);
        cast._api[2] = other.Api.Http;
        cast._browser[2] = other.Browser;
        await cast.StaffAsync(app, 3, Roles.Mediator, null);
        await cast.StaffAsync(app, 4, Roles.PlatformAgent, "1688");
        await cast.StaffAsync(app, 5, Roles.PlatformAgent, "huobutou");
        await cast.StaffAsync(app, 6, Roles.Lawyer, null);
        await cast.StaffAsync(app, 7, Roles.Admin, null);
        return cast;
    }

    /// <summary>Sends the row's request as person <paramref name="who"/>, with route values from the seeded case.</summary>
    public async Task<HttpResponseMessage> SendAsync(int who, string key)
    {
        var parts = key.Split(' ', 2);
        var method = parts[0] is "ANY" or "PAGE" ? "GET" : parts[0];
        var path = Fill(parts[1]);
        var client = path.StartsWith("/api/", StringComparison.Ordinal) ? _api[who] : _browser[who];
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Content = method switch
        {
            "POST" when path.EndsWith("/evidence/", StringComparison.Ordinal) => EmptyUpload(),
            "POST" or "PUT" => JsonContent.Create(new { }),
            _ => null,
        };
        return await client.SendAsync(request);
    }

    private string Fill(string pattern)
    {
        var id = pattern.Contains("/admin/users/", StringComparison.OrdinalIgnoreCase) ? _ownerId : _caseId;
        return pattern
            .Replace("{id:guid}", id, StringComparison.Ordinal)
            .Replace("{evidenceId:guid}", _evidenceId, StringComparison.Ordinal)
            .Replace("{slug}", "1688", StringComparison.Ordinal)
            .Replace("{year:int}", "2026", StringComparison.Ordinal)
            .Replace("{year:int:range(2000,2100)}", "2026", StringComparison.Ordinal)
            .Replace("{date}", "2026-03-05", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{**path}", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>The upload route only matches multipart bodies; an empty file part is enough to reach authorisation.</summary>
    private static MultipartFormDataContent EmptyUpload() => new() { { new ByteArrayContent([]), "file", "empty.png" } };

    private async Task StaffAsync(DisputesAppFactory app, int who, string role, string? platform)
    {
        var email = await PageCast.CreateStaffAsync(app, role, platform);
        var api = new ApiClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await Staff.SignInAsync(app, api, email, PageCast.StaffPassword);
        _api[who] = api.Http;
        _browser[who] = await Browser.SignedInAsync(app, email, PageCast.StaffPassword);
    }
}
