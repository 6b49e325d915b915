using System.Globalization;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests;

/// <summary>Runs a rule check and asserts what the user would be told, in both languages.</summary>
public static class Rules
{
    public static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    public static IReadOnlyList<ValidationError> Broken(Action check)
    {
        try
        {
            check();
            return [];
        }
        catch (DomainValidationException e)
        {
            return e.Errors;
        }
    }

    public static void AssertSingle(IReadOnlyList<ValidationError> errors, string field, string code, string en, string zh) =>
        AssertIs(Assert.Single(errors), field, code, en, zh);

    public static void AssertIs(ValidationError error, string field, string code, string en, string zh)
    {
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Equal(en, error.Message(En));
        Assert.Equal(zh, error.Message(Zh));
    }
}
