using System.Reflection;
using MerchantDisputes.Domain.Validation;

namespace MerchantDisputes.Domain.Tests.Validation;

/// <summary>Guards the resources themselves: a code added without its messages would show users the bare code.</summary>
public class DomainMessagesTests
{
    public static TheoryData<string> Codes =>
        [.. typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_error_code_has_an_English_and_a_Chinese_message(string code)
    {
        var error = new ValidationError("amount", code, "X", "Y");

        var en = error.Message(Rules.En);
        var zh = error.Message(Rules.Zh);

        Assert.NotEqual(code, en);
        Assert.NotEqual(code, zh);
        Assert.NotEqual(en, zh);
    }

    [Theory]
    [InlineData("refundOnly.orderNumber", "Order number", "订单号")]
    [InlineData("amount", "Amount", "涉及金额")]
    [InlineData("province", "Province", "所在省份")]
    public void A_field_is_labelled_by_its_last_segment(string field, string en, string zh)
    {
        Assert.Equal(en, DomainMessages.FieldLabel(field, Rules.En));
        Assert.Equal(zh, DomainMessages.FieldLabel(field, Rules.Zh));
    }

    [Fact]
    public void An_unknown_field_keeps_its_own_name() =>
        Assert.Equal("whatever.thing", DomainMessages.FieldLabel("whatever.thing", Rules.Zh));
}
