using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Builders;

/// <summary>What a merchant types at registration, valid by default.</summary>
public sealed record AMerchant(string? DisplayName, string? StoreName, string? Province, Gender? Gender)
{
    public static AMerchant Profile() => new("卢先生", "卢记服装批发", "CN-GD", Users.Gender.Male);

    public MerchantProfile Create() => MerchantProfile.Create(DisplayName, StoreName, Province, Gender);

    public IReadOnlyList<ValidationError> Errors() => Rules.Broken(() => Create());
}
