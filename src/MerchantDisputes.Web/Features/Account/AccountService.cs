using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Infrastructure.Notifications;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

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

/// <summary>What a registration came to: the new merchant, or a stand-in when the address was taken, or field errors.</summary>
/// <param name="User">The merchant as answered: the new account, or a stand-in never stored (<paramref name="IsNew"/> false).</param>
public sealed record Registration(ApplicationUser? User, IReadOnlyList<ValidationError> Errors, bool IsNew);

/// <summary>Registration and profile changes, shared by the API and the pages.</summary>
public sealed class AccountService(UserManager<ApplicationUser> users, DisputesDbContext db, IOptions<AppOptions> app, TimeProvider clock)
{
    public const int EmailMaxLength = 256;

    /// <returns>
    /// The new merchant, or every field error found (nothing is written then). An address an account already has is
    /// answered as a new one, with a stand-in merchant never stored, and its owner is told by e-mail: the answer does
    /// not tell who has an account.
    /// </returns>
    public async Task<Registration> RegisterMerchantAsync(RegisterRequest request)
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
            return new(null, errors.All, false);
        }

        Apply(user, profile);
        user.PublicNameConsent = request.PublicNameConsent == true;
        user.CreatedAt = clock.GetUtcNow();
        if (await users.FindByEmailAsync(user.Email!) is { } owner)
        {
            return await TakenAsync(owner, user);
        }

        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            // Taken by a registration racing this one: answered as any taken address.
            return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)) && await users.FindByEmailAsync(user.Email!) is { } racer
                ? await TakenAsync(racer, user)
                : new(null, ToErrors(created), false);
        }

        await users.AddToRoleAsync(user, Roles.Merchant);
        return new(user, [], true);
    }

    /// <summary>
    /// The address has an account: its owner gets an e-mail (someone tried to register with it; here is how to sign
    /// in or reset the password), the caller the answer a new account gets, made from what they sent.
    /// </summary>
    private async Task<Registration> TakenAsync(ApplicationUser owner, ApplicationUser standIn)
    {
        // The same hashing a new account's password costs, so the time taken tells nothing either.
        users.PasswordHasher.HashPassword(standIn, Guid.NewGuid().ToString("N"));
        var now = clock.GetUtcNow();
        db.OutboxEmails.Add(new OutboxEmail
        {
            Id = Guid.CreateVersion7(now),
            ToAddress = owner.Email!,
            Subject = Problems.Text("Email.RegisterTaken.Subject"),
            Body = Problems.Text("Email.RegisterTaken.Body", app.Value.Link("Account/Login").AbsoluteUri, app.Value.Link("Account/ForgotPassword").AbsoluteUri),
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
        standIn.Id = Guid.CreateVersion7(now);
        return new(standIn, [], false);
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
