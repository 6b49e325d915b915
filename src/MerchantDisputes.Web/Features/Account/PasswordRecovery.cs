using System.Text;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Infrastructure.Notifications;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Account;

public sealed record ForgotPasswordRequest(string? Email);

/// <summary>The e-mail address and the token of the reset link (as the link carries it), and the new password.</summary>
public sealed record ResetPasswordRequest(string? Email, string? Token, string? NewPassword);

/// <summary>What asking for a reset link came to: field errors, a wait (too many for that address), or accepted.</summary>
public sealed record ForgotPasswordOutcome(IReadOnlyList<ValidationError> Errors, TimeSpan? RetryAfter)
{
    public static ForgotPasswordOutcome Accepted { get; } = new([], null);
}

/// <summary>
/// 忘记密码: a reset link by e-mail, valid one hour and once (<see cref="PasswordResetTokenProvider"/>), for the pages and
/// the API alike. No answer tells whether an account has the address.
/// </summary>
public sealed class PasswordRecovery(
    UserManager<ApplicationUser> users,
    AccountService accounts,
    DisputesDbContext db,
    EmailRateLimiter perEmail,
    UserSessions sessions,
    SignInThrottle throttle,
    IOptions<AppOptions> app,
    TimeProvider clock)
{
    public const string ResetPage = "Account/ResetPassword";

    /// <summary>A token is about 300 characters in its link; anything far longer is not one.</summary>
    private const int MaxTokenLength = 2_000;

    private static readonly ValidationError LinkInvalid = new("token", "Web.Account.ResetLinkInvalid");

    public async Task<ForgotPasswordOutcome> RequestLinkAsync(string? email, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AccountService.CheckEmail(errors, email);
        if (errors.Any)
        {
            return new(errors.All, null);
        }

        var address = email!.Trim();
        if (perEmail.TryAcquire(users.NormalizeEmail(address)) is { } wait)
        {
            return new([], wait);
        }

        // An unknown address costs the same lookup and the same token as a known one; only the e-mail is left out.
        var user = await users.FindByEmailAsync(address);
        var token = await users.GeneratePasswordResetTokenAsync(user ?? Stranger());
        if (user?.Email is { } to)
        {
            db.OutboxEmails.Add(ResetMail(to, token));
            await db.SaveChangesAsync(cancellationToken);
        }

        return ForgotPasswordOutcome.Accepted;
    }

    /// <returns>No errors when the password was changed; then the account's lockout and failed sign-ins are cleared too.</returns>
    public async Task<IReadOnlyList<ValidationError>> ResetAsync(ResetPasswordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.RequireText("email", request.Email, AccountService.EmailMaxLength);
        errors.RequireText("token", request.Token, MaxTokenLength);
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            errors.Add("newPassword", ErrorCodes.Required);
        }

        var user = errors.Any ? null : await users.FindByEmailAsync(request.Email!.Trim());
        await accounts.CheckPasswordAsync(errors, user ?? Stranger(), request.NewPassword, "newPassword");
        if (errors.Any)
        {
            return errors.All;
        }

        // An unknown address and a wrong, expired or used token get one answer, after the same token check.
        var token = Decode(request.Token!);
        if (user is null || token is null)
        {
            await users.VerifyUserTokenAsync(
                Stranger(), users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token ?? string.Empty);
            return [LinkInvalid];
        }

        // A second use of one token, even racing the first, fails: the first changed the security stamp the token
        // carries, or the user row's concurrency stamp stops the second write.
        var reset = await users.ResetPasswordAsync(user, token, request.NewPassword!);
        if (!reset.Succeeded)
        {
            var password = AccountService.ToErrors(reset).Where(e => e.Field == "password").Select(e => e with { Field = "newPassword" }).ToList();
            return password.Count > 0 ? password : [LinkInvalid];
        }

        // Whoever opened the link holds the mailbox: a lockout from failed sign-ins ends here, so the new password works at once.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        throttle.Reset(users.NormalizeName(user.UserName) ?? string.Empty);

        // Whoever knew the old password, or holds a session or token of the account, is out.
        await sessions.EndOthersAsync(user.Id, keep: null);
        return [];
    }

    /// <summary>The token in its link: Base64Url of its UTF-8, as Identity's own UI sends it.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>No one: stands in for an unknown address so that its answer costs what a real one's does.</summary>
    private static ApplicationUser Stranger() => new() { Id = Guid.NewGuid(), SecurityStamp = Guid.NewGuid().ToString("N") };

    /// <summary>In the language the person asked in; the link opens the page in that language too.</summary>
    private OutboxEmail ResetMail(string to, string token)
    {
        var language = Display.IsChinese() ? Cultures.Chinese : Cultures.English;
        var link = app.Value.Link($"{ResetPage}?email={Uri.EscapeDataString(to)}&token={Encode(token)}&culture={language}");
        var now = clock.GetUtcNow();
        return new OutboxEmail
        {
            Id = Guid.CreateVersion7(now),
            ToAddress = to,
            Subject = Problems.Text("Email.PasswordReset.Subject"),
            Body = Problems.Text("Email.PasswordReset.Body", link.AbsoluteUri),
            CreatedAt = now,
        };
    }
}
