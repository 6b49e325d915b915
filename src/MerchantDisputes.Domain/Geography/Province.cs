namespace MerchantDisputes.Domain.Geography;

/// <summary>A provincial-level division of China, by its ISO 3166-2:CN code.</summary>
public sealed record Province(string Code, string NameZh, string NameEn)
{
    public string Name(System.Globalization.CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? NameZh : NameEn;
}

/// <summary>The 34 provincial-level divisions: a fixed list, never edited at run time.</summary>
public static class Provinces
{
    public static IReadOnlyList<Province> All { get; } =
    [
        new("CN-BJ", "北京市", "Beijing"),
        new("CN-TJ", "天津市", "Tianjin"),
        new("CN-HE", "河北省", "Hebei"),
        new("CN-SX", "山西省", "Shanxi"),
        new("CN-NM", "内蒙古自治区", "Inner Mongolia"),
        new("CN-LN", "辽宁省", "Liaoning"),
        new("CN-JL", "吉林省", "Jilin"),
        new("CN-HL", "黑龙江省", "Heilongjiang"),
        new("CN-SH", "上海市", "Shanghai"),
        new("CN-JS", "江苏省", "Jiangsu"),
        new("CN-ZJ", "浙江省", "Zhejiang"),
        new("CN-AH", "安徽省", "Anhui"),
        new("CN-FJ", "福建省", "Fujian"),
        new("CN-JX", "江西省", "Jiangxi"),
        new("CN-SD", "山东省", "Shandong"),
        new("CN-HA", "河南省", "Henan"),
        new("CN-HB", "湖北省", "Hubei"),
        new("CN-HN", "湖南省", "Hunan"),
        new("CN-GD", "广东省", "Guangdong"),
        new("CN-GX", "广西壮族自治区", "Guangxi"),
        new("CN-HI", "海南省", "Hainan"),
        new("CN-CQ", "重庆市", "Chongqing"),
        new("CN-SC", "四川省", "Sichuan"),
        new("CN-GZ", "贵州省", "Guizhou"),
        new("CN-YN", "云南省", "Yunnan"),
        new("CN-XZ", "西藏自治区", "Tibet"),
        new("CN-SN", "陕西省", "Shaanxi"),
        new("CN-GS", "甘肃省", "Gansu"),
        new("CN-QH", "青海省", "Qinghai"),
        new("CN-NX", "宁夏回族自治区", "Ningxia"),
        new("CN-XJ", "新疆维吾尔自治区", "Xinjiang"),
        new("CN-TW", "台湾省", "Taiwan"),
        new("CN-HK", "香港特别行政区", "Hong Kong"),
        new("CN-MO", "澳门特别行政区", "Macao"),
    ];

    private static readonly Dictionary<string, Province> ByCode =
        All.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);

    public static Province? Find(string code) => ByCode.GetValueOrDefault(code.Trim());
}
