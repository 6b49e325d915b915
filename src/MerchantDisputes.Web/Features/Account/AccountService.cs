using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Web.Features.Account;

/// <summary>A merchant registering. Staff are created by an admin, never here.</summary>
public sealed record RegisterRequest(
    string? Email,
    string? Password,
    string? DisplayName,
    string? StoreName,
    string? Province,
    Gender? Gender,
    string? Role = null,
    string? StoreId = null,
    bool? PublicNameConsent = null);

/// <summary>Registration and profile changes, shared by the API and the pages.</summary>
public sealed class AccountService(UserManager<ApplicationUser> users, TimeProvider clock)
{
    public const int EmailMaxLength = 256;

    /// <returns>The new merchant, or every field error found (nothing is written then).</returns>
    public async Task<(ApplicationUser? User, IReadOnlyList<ValidationError> Errors)> RegisterMerchantAsync(RegisterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        if (request.Role is not null && !string.Equals(request.Role, Roles.Merchant, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("role", "Web.Account.OnlyMerchantsRegister");
        }

        CheckEmail(errors, request.Email);
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", ErrorCodes.Required);
        }

        var profile = TryProfile(errors, request);
        var user = new ApplicationUser { Email = request.Email?.Trim(), UserName = request.Email?.Trim() };
        await CheckPasswordAsync(errors, user, request.Password);
        if (errors.Any || profile is null)
        {
            return (null, errors.All);
        }

        Apply(user, profile);
        user.PublicNameConsent = request.PublicNameConsent == true;
        user.CreatedAt = clock.GetUtcNow();
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return (null, ToErrors(created));
        }

        await users.AddToRoleAsync(user, Roles.Merchant);
        return (user, []);
    }

    public static void Apply(ApplicationUser user, MerchantProfile profile)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(profile);
        user.DisplayName = profile.DisplayName;
        user.StoreName = profile.StoreName;
        user.Province = profile.Province;
        user.Gender = profile.Gender;
        user.StoreId = profile.StoreId;
    }

    public static IReadOnlyList<ValidationError> ToErrors(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors
            .Select(e => new ValidationError(LocalizedIdentityErrorDescriber.FieldOf(e), "Identity." + e.Code, e.Description))
            .ToList();
    }

    private static MerchantProfile? TryProfile(ValidationErrors errors, RegisterRequest request)
    {
        try
        {
            return MerchantProfile.Create(request.DisplayName, request.StoreName, request.Province, request.Gender, request.StoreId);
        }
        catch (DomainValidationException e)
        {
            foreach (var error in e.Errors)
            {
                errors.Add(error.Field, error.Code, error.Arguments);
            }

            return null;
        }
    }

    internal static void CheckEmail(ValidationErrors errors, string? email)
    {
        if (errors.RequireText("email", email, EmailMaxLength) && !new EmailAddressAttribute().IsValid(email!.Trim()))
        {
            errors.Add("email", "Identity.InvalidEmail", Infrastructure.Problems.Text("Identity.InvalidEmail", email));
        }
    }

    /// <summary>The password policy's objections, on <paramref name="field"/> (the request's name for the password).</summary>
    internal async Task CheckPasswordAsync(ValidationErrors errors, ApplicationUser user, string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            return;
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var error in ToErrors(result))
            {
                errors.Add(error.Field == "password" ? field : error.Field, error.Code, error.Arguments);
            }
        }
    }
}
