using System.Text.Json;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Disputes;

/// <summary>A case answered from a loaded entity (create) and from the detail query's columns (read) has one shape.</summary>
public sealed class DisputeShapeTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Created_and_read_back_a_case_has_the_same_fields_and_values(string language)
    {
        var merchant = await Session.NewMerchantAsync(app);
        merchant.UseLanguage(language);
        var created = await Session.CreateAsync(merchant, ADispute.RefundOnly());

        var read = await ApiClient.ReadAsync(await merchant.GetAsync($"/api/v1/disputes/{created.GetProperty("id").GetString()}"));

        var fields = created.EnumerateObject().Where(p => p.Name != "timeline").ToList();
        Assert.True(fields.Count > 20, "the create answer lists the case's fields");
        Assert.All(fields, field => Assert.Equal(Text(field.Value), Text(read.GetProperty(field.Name))));
    }

    private static string Text(JsonElement element) => element.GetRawText();
}
