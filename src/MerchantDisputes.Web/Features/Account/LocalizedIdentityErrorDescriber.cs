using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>Identity's own errors in the user's language; the code tells which field it concerns.</summary>
internal sealed class LocalizedIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateEmail), userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email ?? string.Empty);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidEmail), userName ?? string.Empty);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError DefaultError() => Error(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));

    private static IdentityError Error(string code, params object[] arguments) =>
        new() { Code = code, Description = Infrastructure.Problems.Text("Identity." + code, arguments) };

    /// <summary>The request field an Identity error belongs to.</summary>
    public static string FieldOf(IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            nameof(DuplicateEmail) or nameof(InvalidEmail) => "email",
            _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "password",
            _ => "body",
        };
    }
}
