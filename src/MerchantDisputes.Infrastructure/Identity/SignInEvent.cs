namespace MerchantDisputes.Infrastructure.Identity;

/// <summary>What came of one sign-in step of a known account.</summary>
public enum SignInOutcome
{
    /// <summary>Signed in: the password alone, or the password and a second factor.</summary>
    Succeeded,

    /// <summary>The password was right; the account also needs its authenticator code.</summary>
    SecondFactorRequired,

    /// <summary>Wrong password, authenticator code or recovery code.</summary>
    Failed,

    /// <summary>Refused because too many failures locked the account.</summary>
    LockedOut,

    /// <summary>Refused for another reason (e.g. the account may not sign in).</summary>
    NotAllowed,
}

/// <summary>How the person proved who they are in that step.</summary>
public enum SignInMethod
{
    Password,
    Authenticator,
    RecoveryCode,
}

/// <summary>
/// One sign-in attempt on a known account: kept so that the user and an admin can see when and from where the
/// account was used or tried. Attempts on an unknown email name no account and are not kept.
/// </summary>
public sealed class SignInEvent
{
    public const int AddressMaxLength = 45;
    public const int UserAgentMaxLength = 256;

    public long Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset At { get; set; }
    public SignInOutcome Outcome { get; set; }
    public SignInMethod Method { get; set; }

    /// <summary>True for the API (bearer tokens), false for the web pages (cookie).</summary>
    public bool ViaApi { get; set; }

    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
}
