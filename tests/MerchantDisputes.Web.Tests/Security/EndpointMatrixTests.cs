using System.Net;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Pages;
using MerchantDisputes.Web.Tests.Support;
using Xunit.Abstractions;

namespace MerchantDisputes.Web.Tests.Security;

/// <summary>
/// Issue 8's authorisation matrix, one row per endpoint the app itself lists. The letters are the expected answer for,
/// in order: anonymous, merchant owning the case, another merchant, mediator, agent of the case's platform (1688),
/// agent of another platform, lawyer (case not escalated), admin.
/// A = allowed (not 401/403/404, no redirect to sign-in or access denied); U = 401; L = redirect to sign-in;
/// D = 403 or redirect to access denied; N = 404; - = not exercised here (a mutation whose allowed answers the
/// Workflow matrix proves status by status).
/// </summary>
public sealed class EndpointMatrixTests(DisputesAppFactory app, ITestOutputHelper output) : IClassFixture<DisputesAppFactory>
{
    private static readonly string[] Perspectives = ["anonymous", "owner", "other merchant", "mediator", "agent", "other agent", "lawyer", "admin"];

    /// <summary>Fingerprinted static files are public by nature and not listed one by one.</summary>
    private static readonly string[] StaticPrefixes = ["/css/", "/js/", "/favicon"];

    private static readonly Dictionary<string, string> Table = new(StringComparer.Ordinal)
    {
        // The job dashboard is the admin's; to anyone else it does not exist (404, no sign-in redirect).
        ["ANY /hangfire/{**path}"] = "NNNNNNNA",
        ["ANY /health/live"] = "AAAAAAAA",
        ["ANY /health/ready"] = "AAAAAAAA",
        ["GET /openapi/{documentName}.json"] = "AAAAAAAA",
        ["GET /culture"] = "AAAAAAAA",
        ["POST /culture"] = "--------",
        ["GET /reports"] = "AAAAAAAA",
        ["GET /reports/{year:int}.csv"] = "AAAAAAAA",

        ["POST /api/v1/auth/login"] = "--------",
        ["POST /api/v1/auth/refresh"] = "--------",
        ["POST /api/v1/auth/register"] = "--------",
        ["POST /api/v1/auth/forgot-password"] = "--------",
        ["POST /api/v1/auth/reset-password"] = "--------",
        ["POST /api/v1/auth/logout"] = "U-------",
        ["GET /api/v1/me/"] = "UAAAAAAA",
        ["PUT /api/v1/me/"] = "U-------",
        ["GET /api/v1/me/sign-ins"] = "UAAAAAAA",
        // Everyone may export what the app holds about them; deletion (merchants only) is proved by Privacy/DeletionTests.
        ["GET /api/v1/me/export"] = "UAAAAAAA",
        ["POST /api/v1/me/delete"] = "--------",
        ["POST /api/v1/me/password"] = "U-------",
        ["GET /api/v1/platforms"] = "AAAAAAAA",
        ["GET /api/v1/provinces"] = "AAAAAAAA",
        ["GET /api/v1/public/feed"] = "AAAAAAAA",
        ["GET /api/v1/public/platforms/ranking"] = "AAAAAAAA",
        ["GET /api/v1/public/stats"] = "AAAAAAAA",
        ["GET /api/v1/notifications/"] = "UAAAAAAA",
        ["GET /api/v1/notifications/unread-count"] = "UAAAAAAA",
        ["POST /api/v1/notifications/read-all"] = "U-------",
        ["POST /api/v1/notifications/{id:guid}/read"] = "U-N-----",

        ["GET /api/v1/disputes/"] = "UAAAAAAA",
        ["POST /api/v1/disputes/"] = "U-------",
        ["GET /api/v1/disputes/{id:guid}"] = "UANAANNA",
        ["GET /api/v1/disputes/{id:guid}/deadline"] = "UANAANNA",
        ["PUT /api/v1/disputes/{id:guid}"] = "U-N--N--",
        ["DELETE /api/v1/disputes/{id:guid}"] = "U-N--N--",
        ["GET /api/v1/disputes/export"] = "UDDAAAAA",
        // The bundle is for mediators and lawyers: other roles are refused by role (403) before visibility.
        ["GET /api/v1/disputes/{id:guid}/bundle"] = "UDNADNND",
        ["GET /api/v1/disputes/{id:guid}/evidence/"] = "UANAANNA",
        ["POST /api/v1/disputes/{id:guid}/evidence/"] = "U-N--N--",
        ["GET /api/v1/disputes/{id:guid}/timeline/verify"] = "UANAANNA",
        ["POST /api/v1/disputes/{id:guid}/accept"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/approve-title"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/claim"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/close"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/contest"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/forward"] = "U-N--N--",
        // Only lawyers write opinions: everyone else is refused by role (403) before visibility.
        ["POST /api/v1/disputes/{id:guid}/legal-opinions"] = "U-D--D--",
        ["POST /api/v1/disputes/{id:guid}/messages"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/platform-response"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/provide-info"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/rating"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/reject"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/request-info"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/submit"] = "U-N--N--",
        ["POST /api/v1/disputes/{id:guid}/withdraw"] = "U-N--N--",
        ["GET /api/v1/evidence/{evidenceId:guid}/content"] = "UANAANNA",
        // Originals (with metadata) go to the owner, the mediator and a lawyer on an escalated case only.
        ["GET /api/v1/evidence/{evidenceId:guid}/original"] = "UANANNNN",
        ["GET /api/v1/evidence/{evidenceId:guid}/thumbnail"] = "UANAANNA",
        ["PUT /api/v1/evidence/{evidenceId:guid}/"] = "U-N--N--",
        ["DELETE /api/v1/evidence/{evidenceId:guid}/"] = "U-N--N--",

        ["GET /api/v1/admin/platforms"] = "UDDDDDDA",
        ["POST /api/v1/admin/platforms"] = "UDDDDDD-",
        ["PUT /api/v1/admin/platforms/{slug}"] = "UDDDDDD-",
        ["GET /api/v1/admin/calendar/{year:int:range(2000,2100)}"] = "UDDDDDDA",
        ["GET /api/v1/admin/calendar/changes"] = "UDDDDDDA",
        ["PUT /api/v1/admin/calendar/days/{date}"] = "UDDDDDD-",
        ["GET /api/v1/admin/users"] = "UDDDDDDA",
        ["GET /api/v1/admin/users/{id:guid}"] = "UDDDDDDA",
        ["POST /api/v1/admin/users"] = "UDDDDDD-",
        ["PUT /api/v1/admin/users/{id:guid}"] = "UDDDDDD-",
        ["POST /api/v1/admin/users/{id:guid}/lock"] = "UDDDDDD-",
        ["POST /api/v1/admin/users/{id:guid}/unlock"] = "UDDDDDD-",
        ["GET /api/v1/admin/users/{id:guid}/sign-ins"] = "UDDDDDDA",
        ["POST /api/v1/admin/users/{id:guid}/two-factor/reset"] = "UDDDDDD-",

        ["PAGE /"] = "AAAAAAAA",
        ["PAGE /Index"] = "AAAAAAAA",
        ["PAGE /Error"] = "AAAAAAAA",
        ["PAGE /Public"] = "AAAAAAAA",
        ["PAGE /Platforms/{slug}"] = "AAAAAAAA",
        ["PAGE /reports/{year:int}"] = "AAAAAAAA",
        // The access-denied page itself answers 403.
        ["PAGE /Account/AccessDenied"] = "DDDDDDDD",
        ["PAGE /Account/Login"] = "A-------",
        ["PAGE /Account/Logout"] = "--------",
        ["PAGE /Account/Register"] = "A-------",
        ["PAGE /Account/ForgotPassword"] = "A-------",
        ["PAGE /Account/ResetPassword"] = "A-------",
        // The second sign-in step exists only after a right password in the same browser; without it, back to sign-in.
        ["PAGE /Account/LoginWith2fa"] = "LLLLLLLL",
        ["PAGE /Account/TwoFactor"] = "LAAAAAAA",
        ["PAGE /Account/Security"] = "LAAAAAAA",
        ["PAGE /Account/Export"] = "LAAAAAAA",
        ["PAGE /Account/Delete"] = "LAAAAAAA",
        ["PAGE /Account/PublicName"] = "LAADDDDD",
        ["PAGE /Notifications"] = "LAAAAAAA",
        ["PAGE /Disputes"] = "LAAAAAAA",
        ["PAGE /Disputes/Index"] = "LAAAAAAA",
        ["PAGE /Disputes/New"] = "LAADDDDD",
        ["PAGE /Disputes/{id:guid}"] = "LANAANNA",
        // The case page's printable summary: for whoever sees the case, showing what they may see.
        ["PAGE /Disputes/{id:guid}/summary"] = "LANAANNA",
        // The case page's bundle link: the API's rule (mediators and lawyers), signed in with the pages' cookie.
        ["GET /Disputes/{id:guid}/bundle"] = "LDNADNND",
        // Merchant-only pages: staff are refused by role, another merchant gets 404.
        ["PAGE /Disputes/{id:guid}/edit"] = "LANDDDDD",
        // GET only redirects to the case page, for any id (the case page then answers 404 to a stranger).
        ["PAGE /Disputes/{id:guid}/evidence"] = "LAADDDDD",
        ["PAGE /Disputes/{id:guid}/evidence/{evidenceId:guid}"] = "LANAANNA",
        ["PAGE /Admin"] = "LDDDDDDA",
        ["PAGE /Admin/Index"] = "LDDDDDDA",
        ["PAGE /Admin/Platforms"] = "LDDDDDDA",
        ["PAGE /Admin/Calendar"] = "LDDDDDDA",
        ["PAGE /Admin/Platforms/{slug}"] = "LDDDDDDA",
        ["PAGE /Admin/Users"] = "LDDDDDDA",
        ["PAGE /Admin/Users/New"] = "LDDDDDDA",
        ["PAGE /Admin/Users/{id:guid}"] = "LDDDDDDA",
    };

    [Fact]
    public void Every_endpoint_of_the_app_has_a_row_and_every_row_an_endpoint()
    {
        var listed = EndpointCatalog.Keys(app).Where(k => !StaticPrefixes.Any(p => k.Split(' ')[1].StartsWith(p, StringComparison.Ordinal))).ToHashSet();

        var unclassified = listed.Except(Table.Keys).Order().ToList();
        var stale = Table.Keys.Except(listed).Order().ToList();

        Assert.True(unclassified.Count == 0, "Endpoints without a row in the matrix: " + string.Join(", ", unclassified));
        Assert.True(stale.Count == 0, "Rows for endpoints the app no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_role_gets_the_answer_the_matrix_states()
    {
        var cast = await MatrixCast.CreateAsync(app);
        var failures = new List<string>();
        foreach (var (key, expected) in Table)
        {
            for (var who = 0; who < Perspectives.Length; who++)
            {
                if (expected[who] == '-')
                {
                    continue;
                }
                var response = await cast.SendAsync(who, key);
                var answer = Classify(response);
                output.WriteLine($"{key,-60} {Perspectives[who],-15} {(int)response.StatusCode} {answer}");
                if (answer != expected[who])
                {
                    failures.Add($"{key} as {Perspectives[who]}: expected {expected[who]}, got {answer} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static char Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => 'U',
            HttpStatusCode.Forbidden => 'D',
            HttpStatusCode.NotFound => 'N',
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) => 'L',
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) => 'D',
            _ => 'A',
        };
    }
}
