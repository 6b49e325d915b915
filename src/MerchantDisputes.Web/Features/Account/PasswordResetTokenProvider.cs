using System.Security.Cryptography;
using System.Text;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>The reset token's own options, so that its lifespan (one hour, set in AddAccounts) is not that of Identity's other tokens.</summary>
public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenProviderOptions()
    {
        Name = PasswordResetTokenProvider.ProviderName;
    }
}

/// <summary>
/// Identity's data-protection token for password resets, with its time read from the app's <see cref="TimeProvider"/>:
/// <see cref="DataProtectorTokenProvider{TUser}"/> writes and checks <c>DateTimeOffset.UtcNow</c> itself, which no test
/// can move. The payload and the checks are Identity's (creation time, user id, purpose, security stamp, all under a
/// data-protection key kept in the database); only the clock differs. A token is refused past
/// <see cref="DataProtectionTokenProviderOptions.TokenLifespan"/>, and after one use, because a reset changes the
/// security stamp it carries.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider protection,
    IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ApplicationUser>> logger,
    TimeProvider clock)
    : DataProtectorTokenProvider<ApplicationUser>(protection, options, logger)
{
    public const string ProviderName = "PasswordReset";

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override async Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Utf8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose);
            writer.Write(await manager.GetSecurityStampAsync(user));
        }

        return Convert.ToBase64String(Protector.Protect(buffer.ToArray()));
    }

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (Read(token) is not { } payload || payload.Created + Options.TokenLifespan < clock.GetUtcNow())
        {
            return false;
        }

        return string.Equals(payload.UserId, await manager.GetUserIdAsync(user), StringComparison.Ordinal)
            && string.Equals(payload.Purpose, purpose, StringComparison.Ordinal)
            && string.Equals(payload.Stamp, await manager.GetSecurityStampAsync(user), StringComparison.Ordinal);
    }

    /// <summary>The token's content, or null for anything this provider did not write with the app's key.</summary>
    private (DateTimeOffset Created, string UserId, string Purpose, string Stamp)? Read(string? token)
    {
        try
        {
            using var stream = new MemoryStream(Protector.Unprotect(Convert.FromBase64String(token ?? string.Empty)));
            using var reader = new BinaryReader(stream, Utf8);
            var payload = (new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), reader.ReadString(), reader.ReadString(), reader.ReadString());
            return stream.Position == stream.Length ? payload : null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or EndOfStreamException or ArgumentException)
        {
            return null;
        }
    }
}
