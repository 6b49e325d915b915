using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MerchantDisputes.Web.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Accounts;

/// <summary>Issue 21 item 4, 忘记密码: a reset link by e-mail, valid one hour and once, that tells no one which addresses exist.</summary>
public sealed partial class PasswordResetTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private const string NewPassword = "Fresh-Horse-42";

    [Fact]
    public async Task A_link_from_the_email_sets_a_new_password_the_old_one_stops_working_and_the_link_works_once()
    {
        var email = await MerchantAsync();
        var anonymous = new ApiClient(app.CreateClient());

        var asked = await anonymous.PostAsync("/api/v1/auth/forgot-password", new { email });
        var mail = await OneMailAsync(email);
        var link = Link.From(mail);
        var reset = await anonymous.PostAsync("/api/v1/auth/reset-password", new { email = link.Email, token = link.Token, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.StartsWith("https://localhost/Account/ResetPassword?", mail.Link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(email, link.Email);
        Assert.Matches("^[A-Za-z0-9_-]+$", link.Token);
        Assert.Contains("一小时内有效", mail.Body, StringComparison.Ordinal);
        Assert.Contains("只能使用一次", mail.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, Session.Password)).StatusCode);

        var again = await anonymous.PostAsync("/api/v1/auth/reset-password", new { email, token = link.Token, newPassword = "Another-Horse-77" });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await ApiClient.ReadAsync(again)).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_link_works_within_the_hour_and_is_refused_after_it()
    {
        var early = await MerchantAsync();
        var late = await MerchantAsync();
        var anonymous = new ApiClient(app.CreateClient());
        await anonymous.PostAsync("/api/v1/auth/forgot-password", new { email = early });
        await anonymous.PostAsync("/api/v1/auth/forgot-password", new { email = late });
        var earlyLink = Link.From(await OneMailAsync(early));
        var lateLink = Link.From(await OneMailAsync(late));

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        var withinTheHour = await anonymous.PostAsync("/api/v1/auth/reset-password", new { email = early, token = earlyLink.Token, newPassword = NewPassword });
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var pastTheHour = await anonymous.PostAsync("/api/v1/auth/reset-password", new { email = late, token = lateLink.Token, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, withinTheHour.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pastTheHour.StatusCode);
        Assert.True((await ApiClient.ReadAsync(pastTheHour)).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(late, Session.Password)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answers_and_no_email()
    {
        var known = await MerchantAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@shop.test";
        var anonymous = new ApiClient(app.CreateClient());

        var forKnown = await anonymous.PostAsync("/api/v1/auth/forgot-password", new { email = known });
        var forUnknown = await anonymous.PostAsync("/api/v1/auth/forgot-password", new { email = unknown });
        var pageForKnown = await ForgotPageAsync(known);
        var pageForUnknown = await ForgotPageAsync(unknown);
        var resetUnknown = await anonymous.PostAsync("/api/v1/auth/reset-password", new { email = unknown, token = "bm90LWEtdG9rZW4", newPassword = NewPassword });
        var resetKnown = await anonymous.PostAsync("/api/v1/auth/reset-password", new { email = known, token = "bm90LWEtdG9rZW4", newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, pageForKnown.Status);
        Assert.Equal(pageForKnown, pageForUnknown);
        Assert.Contains("如果该邮箱已注册", pageForUnknown.Main, StringComparison.Ordinal);
        Assert.Equal(resetKnown.StatusCode, resetUnknown.StatusCode);
        Assert.Equal(
            (await ApiClient.ReadAsync(resetKnown)).GetProperty("errors").GetRawText(),
            (await ApiClient.ReadAsync(resetUnknown)).GetProperty("errors").GetRawText());
        Assert.Equal(2, (await Mailbox.ReceiveAsync(app, known)).Count);
        Assert.Empty(await Mailbox.ReceiveAsync(app, unknown));
        Assert.False(await app.WithDbAsync(db => db.OutboxEmails.AnyAsync(e => e.ToAddress == unknown)));
    }

    [Fact]
    public async Task A_locked_out_account_signs_in_at_once_with_the_new_password()
    {
        var email = await MerchantAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await LoginAsync(email, "Wrong-password-1");
        }

        var locked = await LoginAsync(email, Session.Password);
        var anonymous = new ApiClient(app.CreateClient());
        await anonymous.PostAsync("/api/v1/auth/forgot-password", new { email });
        var link = Link.From(await OneMailAsync(email));
        var reset = await anonymous.PostAsync("/api/v1/auth/reset-password", new { email, token = link.Token, newPassword = NewPassword });
        var signIn = await LoginAsync(email, NewPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var account = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => new { u.LockoutEnd, u.AccessFailedCount }).SingleAsync());
        Assert.Null(account.LockoutEnd);
        Assert.Equal(0, account.AccessFailedCount);
    }

    [Fact]
    public async Task The_reset_ends_the_accounts_other_sessions()
    {
        var email = $"reset-{Guid.NewGuid():N}@shop.test";
        var merchant = await Session.NewMerchantAsync(app, email);
        var anonymous = new ApiClient(app.CreateClient());
        await anonymous.PostAsync("/api/v1/auth/forgot-password", new { email });
        var link = Link.From(await OneMailAsync(email));
        var before = await merchant.GetAsync("/api/v1/me");

        await anonymous.PostAsync("/api/v1/auth/reset-password", new { email, token = link.Token, newPassword = NewPassword });
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await merchant.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [InlineData("zh-CN", "重置商家申诉通密码", "一小时内有效")]
    [InlineData("en", "Reset your MerchantDisputes password", "valid for one hour and can be used once")]
    public async Task The_email_is_in_the_language_the_link_was_asked_in(string language, string subject, string validity)
    {
        var email = await MerchantAsync();
        var anonymous = new ApiClient(app.CreateClient());
        anonymous.UseLanguage(language);

        await anonymous.PostAsync("/api/v1/auth/forgot-password", new { email });
        var mail = await OneMailAsync(email);

        Assert.Equal(subject, mail.Subject);
        Assert.Contains(validity, mail.Body, StringComparison.Ordinal);
        Assert.Equal(language, QueryHelpers.ParseQuery(mail.Link.Query)["culture"].ToString());
    }

    [Theory]
    [InlineData("zh-CN", "为必填项", "至少需要 10 个字符", "重置链接无效")]
    [InlineData("en", "is required", "at least 10 characters", "not valid")]
    public async Task Bad_input_is_refused_field_by_field_in_the_readers_language(string language, string required, string weak, string badLink)
    {
        var email = await MerchantAsync();
        var client = new ApiClient(app.CreateClient());
        client.UseLanguage(language);

        var noEmail = await ProblemAsync(client, "/api/v1/auth/forgot-password", new { });
        var notAnEmail = await ProblemAsync(client, "/api/v1/auth/forgot-password", new { email = "not-an-email" });
        var nothing = await ProblemAsync(client, "/api/v1/auth/reset-password", new { });
        var weakPassword = await ProblemAsync(client, "/api/v1/auth/reset-password", new { email, token = "bm90LWEtdG9rZW4", newPassword = "short" });
        var wrongToken = await ProblemAsync(client, "/api/v1/auth/reset-password", new { email, token = "bm90LWEtdG9rZW4", newPassword = NewPassword });

        Assert.Contains(required, Field(noEmail, "email"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Field(notAnEmail, "email")));
        Assert.Contains(required, Field(nothing, "email"), StringComparison.Ordinal);
        Assert.Contains(required, Field(nothing, "token"), StringComparison.Ordinal);
        Assert.Contains(required, Field(nothing, "newPassword"), StringComparison.Ordinal);
        Assert.Contains(weak, Field(weakPassword, "newPassword"), StringComparison.Ordinal);
        Assert.False(weakPassword.GetProperty("errors").TryGetProperty("token", out _), "the password is judged before the link");
        Assert.Contains(badLink, Field(wrongToken, "token"), StringComparison.Ordinal);
        Assert.Empty(await Mailbox.ReceiveAsync(app, email));
    }

    [Fact]
    public async Task The_pages_lead_from_the_sign_in_page_to_a_new_password()
    {
        var email = await MerchantAsync();
        var browser = Browser.NewBrowser(app);

        var login = await browser.GetStringAsync("/Account/Login");
        var sent = await Browser.PostFormAsync(browser, "/Account/ForgotPassword", new() { ["Email"] = email });
        var link = Link.From(await OneMailAsync(email));
        var resetPage = await browser.GetStringAsync(link.PathAndQuery);
        var mismatch = await Browser.PostFormAsync(browser, link.PathAndQuery, new()
        {
            ["Email"] = link.Email, ["Token"] = link.Token, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword + "x",
        });
        var done = await Browser.PostFormAsync(browser, link.PathAndQuery, new()
        {
            ["Email"] = link.Email, ["Token"] = link.Token, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });
        var loginAfter = await browser.GetStringAsync(done.Headers.Location!.OriginalString);

        Assert.Contains("href=\"/Account/ForgotPassword\">忘记密码</a>", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("如果该邮箱已注册", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"value=\"{link.Token}\"", resetPage, StringComparison.Ordinal);
        Assert.Contains("两次输入的密码不一致", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("密码已重置", loginAfter, StringComparison.Ordinal);
        await Browser.SignedInAsync(app, email, NewPassword);
    }

    [Fact]
    public async Task A_reset_page_without_a_token_says_the_link_is_not_valid()
    {
        var page = await Browser.NewBrowser(app).GetStringAsync("/Account/ResetPassword?email=someone%40shop.test");

        Assert.Contains("重置链接无效", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"NewPassword\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_api_doors_are_described_in_the_openapi_document()
    {
        var document = await ApiClient.ReadAsync(await app.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");

        var forgot = paths.GetProperty("/api/v1/auth/forgot-password").GetProperty("post");
        var reset = paths.GetProperty("/api/v1/auth/reset-password").GetProperty("post");

        Assert.Equal("ForgotPassword", forgot.GetProperty("operationId").GetString());
        Assert.Equal("ResetPassword", reset.GetProperty("operationId").GetString());
        Assert.Equal("Auth", forgot.GetProperty("tags")[0].GetString());
        foreach (var status in new[] { "202", "400", "429" })
        {
            Assert.True(forgot.GetProperty("responses").TryGetProperty(status, out _), $"forgot-password documents no {status}");
        }

        foreach (var status in new[] { "204", "400", "429" })
        {
            Assert.True(reset.GetProperty("responses").TryGetProperty(status, out _), $"reset-password documents no {status}");
        }

        Assert.Contains("202", forgot.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> MerchantAsync()
    {
        var email = $"reset-{Guid.NewGuid():N}@shop.test";
        await Session.NewMerchantAsync(app, email);
        return email;
    }

    private async Task<Mail> OneMailAsync(string email) => Assert.Single(await Mailbox.ReceiveAsync(app, email));

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        new ApiClient(app.CreateClient()).PostAsync("/api/v1/auth/login", new { email, password });

    /// <summary>The forgot-password page's answer to a submission: its status and its main content.</summary>
    private async Task<(HttpStatusCode Status, string Main)> ForgotPageAsync(string email)
    {
        var response = await Browser.PostFormAsync(Browser.NewBrowser(app), "/Account/ForgotPassword", new() { ["Email"] = email });
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, MainContent().Match(html).Value);
    }

    private static async Task<JsonElement> ProblemAsync(ApiClient client, string url, object body)
    {
        var response = await client.PostAsync(url, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await ApiClient.ReadAsync(response);
    }

    private static string Field(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));

    [GeneratedRegex("<main.*</main>", RegexOptions.Singleline)]
    private static partial Regex MainContent();

    /// <summary>What the reset link carries.</summary>
    private sealed record Link(string PathAndQuery, string Email, string Token)
    {
        public static Link From(Mail mail)
        {
            var query = QueryHelpers.ParseQuery(mail.Link.Query);
            return new Link(mail.Link.PathAndQuery, query["email"].ToString(), query["token"].ToString());
        }
    }
}
