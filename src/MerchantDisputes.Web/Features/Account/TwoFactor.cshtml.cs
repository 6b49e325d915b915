using System.Text;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>
/// Setting up the authenticator app (required for Mediator, Lawyer and Admin before anything else, open to everyone),
/// new recovery codes, and turning it off for those who may.
/// </summary>
[Authorize]
[AllowWithoutSecondFactor]
public sealed class TwoFactorModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    private const string Issuer = "MerchantDisputes";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }
    public bool Required => SecondFactor.IsRequiredFor(User);
    public string? SharedKey { get; private set; }
    public string? AuthenticatorUri { get; private set; }
    public string? QrCode { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Notice { get; private set; }
    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Disputes";

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : Challenge();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (!Totp.TryNormalize(Code, out var code)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Message = Problems.Text("Account.InvalidCode");
            return await ShowAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count);

        // This session has now shown both factors; the new cookie says so (and carries the new security stamp).
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SecondFactor.ProofClaim()]);
        NewRecoveryCodes = codes?.ToList() ?? [];
        Notice = "TwoFactor.EnabledNotice";
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled || !SecondFactor.WasUsed(User))
        {
            return RedirectToPage();
        }

        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count))?.ToList() ?? [];
        Notice = "TwoFactor.NewCodesNotice";
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (Required)
        {
            Message = Problems.Text("TwoFactor.CannotDisable");
            return await ShowAsync(user);
        }

        await SecondFactor.TurnOffAsync(users, user);
        await signIn.RefreshSignInAsync(user);
        Notice = "TwoFactor.DisabledNotice";
        return await ShowAsync(user);
    }

    private async Task<PageResult> ShowAsync(ApplicationUser user)
    {
        // The key and the recovery codes are secrets: no cache, no back-button copy.
        Response.Headers.CacheControl = "no-store";
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return Page();
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the security stamp; the fresh cookie keeps this session signed in while they scan it.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        SharedKey = Grouped(key);
        AuthenticatorUri = UriFor(user.Email ?? user.UserName ?? string.Empty, key);
        QrCode = QrDataUri(AuthenticatorUri);
        return Page();
    }

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    private static string UriFor(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits={Totp.Digits}";

    private static string QrDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
