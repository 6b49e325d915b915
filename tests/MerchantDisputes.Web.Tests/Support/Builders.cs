namespace MerchantDisputes.Web.Tests.Support;

/// <summary>Request bodies for new disputes, valid unless a test changes them.</summary>
public static class ADispute
{
    /// <summary>The returned-parcel refund-only ruling of DESIGN.md: 1,340.70 CNY.</summary>
    public static Dictionary<string, object?> RefundOnly(string platform = "1688") => new()
    {
        ["platform"] = platform,
        ["type"] = "RefundOnly",
        ["title"] = "包裹退回未签收仍被判仅退款",
        ["titleIsPublic"] = false,
        ["narrative"] = "买家拒收，包裹已退回未签收，平台仍判仅退款并从货款中扣除 1340.70 元。",
        ["amount"] = 1340.70m,
        ["currency"] = "CNY",
        ["desiredOutcome"] = "撤销仅退款判罚，退还被扣货款。",
        ["refundOnly"] = new Dictionary<string, object?>
        {
            ["orderNumber"] = "240312-558812",
            ["ruledOn"] = "2024-03-20",
            ["refundedAmount"] = 1340.70m,
            ["logisticsStatus"] = "ReturnedUndelivered",
            ["trackingNumber"] = "SF1400233111",
        },
    };

    /// <summary>Settlement money frozen "for 36,500 days" after a one-month closure.</summary>
    public static Dictionary<string, object?> FrozenFunds(string platform = "pipiwang") => new()
    {
        ["platform"] = platform,
        ["type"] = "FrozenFunds",
        ["title"] = "闭店一个月后货款被冻结 36500 天",
        ["narrative"] = "店铺暂停经营一个月后，结算货款被冻结，冻结期限显示为 36500 天，没有申诉入口。",
        ["amount"] = 28650.00m,
        ["desiredOutcome"] = "解冻货款并提供申诉渠道。",
        ["frozenFunds"] = new Dictionary<string, object?>
        {
            ["frozenAmount"] = 28650.00m,
            ["frozenSince"] = "2024-05-06",
            ["statedFreezeDays"] = 36500,
            ["reasonGiven"] = "店铺长期未经营",
        },
    };

    /// <summary>A programme the merchant never chose, charging per order, exit blocked for 90 days.</summary>
    public static Dictionary<string, object?> ForcedFee(string platform = "huobutou") => new()
    {
        ["platform"] = platform,
        ["type"] = "ForcedFee",
        ["title"] = "协议被静默升级并按单收取服务费",
        ["narrative"] = "平台静默升级协议，为未选择的商品打标并按单收取服务费，90 天内无法退出。",
        ["amount"] = 912.40m,
        ["desiredOutcome"] = "退出该项目并退还已收取的服务费。",
        ["forcedFee"] = new Dictionary<string, object?>
        {
            ["programmeName"] = "极速回款服务",
            ["feeAmount"] = 912.40m,
            ["enrolledOn"] = "2024-07-01",
            ["consentGiven"] = false,
            ["exitBlockedUntil"] = "2024-09-29",
        },
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(body);
        body[key] = value;
        return body;
    }

    public static Dictionary<string, object?> WithDetail(this Dictionary<string, object?> body, string section, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(body);
        ((Dictionary<string, object?>)body[section]!)[key] = value;
        return body;
    }
}

public static class AMerchant
{
    public static Dictionary<string, object?> Registration(string email) => new()
    {
        ["email"] = email,
        ["password"] = "Correct-Horse-9",
        ["displayName"] = "卢明",
        ["storeName"] = "明记服饰批发",
        ["province"] = "CN-GD",
        ["gender"] = "Male",
    };
}
