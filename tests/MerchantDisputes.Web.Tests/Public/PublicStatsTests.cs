using System.Net;
using System.Text.Json;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.PublicData;

/// <summary>
/// The fixture's 2026 in China (see <see cref="ReportFixture.Cases"/>): 14 counted cases (a draft, an unclaimed filing and a rejected one left out),
/// and one case a tick after midnight on New Year's Eve that belongs to 2027. Every figure is written out by hand.
/// </summary>
public sealed class PublicStatsTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private Task<JsonElement> GetAsync(string url) => PublicJson.GetAsync(fixture.App, url);

    [Fact]
    public async Task A_year_counts_every_submitted_case_by_its_China_date_and_never_a_draft()
    {
        var stats = await GetAsync("/api/v1/public/stats?year=2026");

        Assert.Equal(2026, stats.GetProperty("year").GetInt32());
        Assert.Equal(14, stats.GetProperty("totalCases").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), stats.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), stats.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("platform").ValueKind);
    }

    [Fact]
    public async Task The_case_a_tick_before_midnight_on_New_Years_Eve_in_China_is_the_old_year_and_the_one_at_midnight_the_new()
    {
        var y2026 = await GetAsync("/api/v1/public/stats?year=2026&platform=taobao");
        var y2027 = await GetAsync("/api/v1/public/stats?year=2027");
        var taobao2027 = await GetAsync("/api/v1/public/stats?year=2027&platform=taobao");

        Assert.Equal(1, y2026.GetProperty("totalCases").GetInt32());
        Assert.Equal(1, y2027.GetProperty("totalCases").GetInt32());
        Assert.Equal(1, taobao2027.GetProperty("totalCases").GetInt32());
    }

    [Fact]
    public async Task Distribution_by_type()
    {
        var byType = (await GetAsync("/api/v1/public/stats?year=2026")).GetProperty("byType");

        Assert.Equal(["RefundOnly", "FrozenFunds", "ForcedFee"], byType.EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal((7, 50.00m), byType.Share("RefundOnly"));
        Assert.Equal((4, 28.57m), byType.Share("FrozenFunds")); // 28.571…
        Assert.Equal((3, 21.43m), byType.Share("ForcedFee")); // 21.428…
        Assert.Equal("仅退款", byType.Row("RefundOnly").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Distribution_by_province_all_34_and_the_top_10()
    {
        var byProvince = (await GetAsync("/api/v1/public/stats?year=2026")).GetProperty("byProvince");
        var all = byProvince.GetProperty("all");
        var top = byProvince.GetProperty("top10");

        Assert.Equal(34, all.GetArrayLength());
        Assert.Equal((6, 42.86m), all.Share("CN-GD")); // 42.857…
        Assert.Equal((3, 21.43m), all.Share("CN-ZJ"));
        Assert.Equal((2, 14.29m), all.Share("CN-BJ")); // 14.285…
        Assert.Equal((2, 14.29m), all.Share("CN-SH"));
        Assert.Equal((1, 7.14m), all.Share("CN-JS")); // 7.142…
        Assert.Equal((0, 0m), all.Share("CN-XZ"));
        Assert.Equal(14, all.EnumerateArray().Sum(r => r.GetProperty("count").GetInt32()));
        Assert.Equal("广东省", all.Row("CN-GD").GetProperty("name").GetString());

        // Only provinces with cases; equal counts keep the official order (北京 before 上海).
        Assert.Equal(["CN-GD", "CN-ZJ", "CN-BJ", "CN-SH", "CN-JS"], top.EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(0, byProvince.GetProperty("unknown").GetInt32());
    }

    [Fact]
    public async Task Distribution_by_gender_counts_the_unstated()
    {
        var byGender = (await GetAsync("/api/v1/public/stats?year=2026")).GetProperty("byGender");

        Assert.Equal(["Male", "Female", "Unstated"], byGender.EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal((6, 42.86m), byGender.Share("Male"));
        Assert.Equal((6, 42.86m), byGender.Share("Female"));
        Assert.Equal((2, 14.29m), byGender.Share("Unstated"));
    }

    [Fact]
    public async Task Distribution_by_amount_bracket_takes_CNY_cases_only_and_says_how_many_it_left_out()
    {
        var byAmount = (await GetAsync("/api/v1/public/stats?year=2026")).GetProperty("byAmount");
        var brackets = byAmount.GetProperty("brackets");

        Assert.Equal("CNY", byAmount.GetProperty("currency").GetString());
        Assert.Equal(13, byAmount.GetProperty("total").GetInt32());
        Assert.Equal(1, byAmount.GetProperty("nonCnyExcluded").GetInt32());
        Assert.Equal("ExcludedFromBrackets", byAmount.GetProperty("nonCnyTreatment").GetString());
        Assert.Contains("1", byAmount.GetProperty("note").GetString(), StringComparison.Ordinal);

        // Lower bound included, upper excluded: 99.99 | 100.00, 4,999.99 | 5,000.00, 9,999.99 | 10,000.00.
        Assert.Equal(["0-100", "100-500", "500-1000", "1000-5000", "5000-10000", "10000+"],
            brackets.EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal((3, 23.08m), brackets.Share("0-100")); // 0.00, 50.00, 99.99 — 23.076…
        Assert.Equal((1, 7.69m), brackets.Share("100-500")); // 100.00 — 7.692…
        Assert.Equal((2, 15.38m), brackets.Share("500-1000")); // 500.00, 999.99 — 15.384…
        Assert.Equal((3, 23.08m), brackets.Share("1000-5000")); // 1,000.00, 1,340.70, 4,999.99
        Assert.Equal((2, 15.38m), brackets.Share("5000-10000")); // 5,000.00, 9,999.99
        Assert.Equal((2, 15.38m), brackets.Share("10000+")); // 10,000.00, 100,000.00
        Assert.Equal(JsonValueKind.Null, brackets.Row("10000+").GetProperty("to").ValueKind);
    }

    [Fact]
    public async Task Per_platform_rows_rank_by_volume_with_response_timeliness_median_and_rating()
    {
        var platforms = (await GetAsync("/api/v1/public/stats?year=2026")).GetProperty("platforms");

        Assert.Equal(["1688", "aliexpress", "huobutou", "pipiwang", "taobao", "pinduoduo"],
            platforms.EnumerateArray().Select(r => r.GetProperty("slug").GetString()));
        Assert.Equal([1, 2, 3, 3, 5, 5], platforms.EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()));

        var p1688 = platforms.Row("1688", "slug");
        Assert.Equal(5, p1688.GetProperty("cases").GetInt32());
        Assert.Equal(35.71m, p1688.GetProperty("percent").GetDecimal());
        Assert.Equal(5, p1688.GetProperty("forwarded").GetInt32());
        Assert.Equal(4, p1688.GetProperty("answered").GetInt32());
        Assert.Equal(3, p1688.GetProperty("answeredInTime").GetInt32());
        Assert.Equal(80.00m, p1688.GetProperty("responseRate").GetDecimal());
        Assert.Equal(60.00m, p1688.GetProperty("timelyResponseRate").GetDecimal());
        Assert.Equal(36.0m, p1688.GetProperty("medianHoursToAnswer").GetDecimal()); // 12, 24 | 48, 192 hours
        Assert.Equal(4, p1688.GetProperty("judged").GetInt32());
        Assert.Equal(2, p1688.GetProperty("satisfied").GetInt32());

        var rating = p1688.GetProperty("rating");
        Assert.Equal("NotRecommended", rating.GetProperty("value").GetString());
        Assert.Equal("不建议下单", rating.GetProperty("name").GetString());
        AssertCounts(rating, notRated: 1, notRecommended: 2, caution: 1, recommended: 1);
        AssertFactors(rating, 80.00m, 60.00m, 50.00m);
    }

    [Fact]
    public async Task A_platform_that_never_answered_is_not_rated_and_its_response_rates_are_zero()
    {
        var huobutou = (await GetAsync("/api/v1/public/stats?year=2026")).GetProperty("platforms").Row("huobutou", "slug");

        Assert.Equal(2, huobutou.GetProperty("forwarded").GetInt32());
        Assert.Equal(0, huobutou.GetProperty("answered").GetInt32());
        Assert.Null(huobutou.NullableDecimal("medianHoursToAnswer"));
        var rating = huobutou.GetProperty("rating");
        Assert.Equal("NotRated", rating.GetProperty("value").GetString());
        Assert.Equal("不予评级", rating.GetProperty("name").GetString());
        AssertCounts(rating, notRated: 2, notRecommended: 0, caution: 0, recommended: 0);
        AssertFactors(rating, 0.00m, 0.00m, null);
    }

    [Fact]
    public async Task A_tie_between_two_ratings_goes_to_the_worse_for_the_year()
    {
        var pipiwang = (await GetAsync("/api/v1/public/stats?year=2026")).GetProperty("platforms").Row("pipiwang", "slug");

        var rating = pipiwang.GetProperty("rating");
        Assert.Equal("Caution", rating.GetProperty("value").GetString());
        AssertCounts(rating, notRated: 0, notRecommended: 0, caution: 1, recommended: 1);
        // Both accepted (one scored 4), one answered late: satisfied 2 of 2, in time 1 of 2.
        AssertFactors(rating, 100.00m, 50.00m, 100.00m);
        Assert.Equal(88.0m, pipiwang.GetProperty("medianHoursToAnswer").GetDecimal()); // (6 + 170) / 2
    }

    [Fact]
    public async Task A_platform_never_asked_to_answer_has_no_rating_and_no_rates_rather_than_zeros()
    {
        var aliexpress = (await GetAsync("/api/v1/public/stats?year=2026")).GetProperty("platforms").Row("aliexpress", "slug");

        Assert.Equal(3, aliexpress.GetProperty("cases").GetInt32());
        Assert.Equal(0, aliexpress.GetProperty("forwarded").GetInt32());
        Assert.Null(aliexpress.NullableDecimal("responseRate"));
        Assert.Null(aliexpress.GetProperty("rating").NullableString("value"));
        AssertFactors(aliexpress.GetProperty("rating"), null, null, null);
    }

    [Fact]
    public async Task The_month_ranking_puts_the_case_a_second_before_midnight_in_March_and_the_one_at_midnight_in_April()
    {
        var march = await GetAsync("/api/v1/public/platforms/ranking?month=2026-03");
        var april = await GetAsync("/api/v1/public/platforms/ranking?month=2026-04");

        Assert.Equal("2026-03", march.GetProperty("month").GetString());
        Assert.Equal(3, march.GetProperty("totalCases").GetInt32()); // c1, c2 on 1688 (the draft c13 is not counted), c16
        var rows = march.GetProperty("platforms");
        Assert.Equal(["1688", "pinduoduo"], rows.EnumerateArray().Select(r => r.GetProperty("slug").GetString()));
        Assert.Equal(2, rows[0].GetProperty("cases").GetInt32());
        Assert.Equal(66.67m, rows[0].GetProperty("percent").GetDecimal());
        Assert.Equal(33.33m, rows[1].GetProperty("percent").GetDecimal());

        Assert.Equal(2, april.GetProperty("totalCases").GetInt32()); // c3 (00:00 on 1 April in China), c4
        Assert.Equal(100.00m, april.GetProperty("platforms")[0].GetProperty("percent").GetDecimal());
    }

    [Fact]
    public async Task A_platform_rating_for_a_month_with_its_three_factors_and_a_tie_going_to_the_worse()
    {
        var march = (await GetAsync("/api/v1/public/platforms/ranking?month=2026-03")).GetProperty("platforms");
        var april = (await GetAsync("/api/v1/public/platforms/ranking?month=2026-04")).GetProperty("platforms");

        // March: c1 建议下单 and c2 谨慎下单 (answered late) — a tie, so 谨慎下单.
        var m1688 = march.Row("1688", "slug").GetProperty("rating");
        Assert.Equal("Caution", m1688.GetProperty("value").GetString());
        AssertCounts(m1688, notRated: 0, notRecommended: 0, caution: 1, recommended: 1);
        AssertFactors(m1688, 100.00m, 50.00m, 100.00m);
        Assert.Null(march.Row("pinduoduo", "slug").GetProperty("rating").NullableString("value"));

        // April: c3 contested and closed, c4 rated 2 — both 不建议下单; answered in time but nobody satisfied.
        var a1688 = april.Row("1688", "slug").GetProperty("rating");
        Assert.Equal("NotRecommended", a1688.GetProperty("value").GetString());
        AssertFactors(a1688, 100.00m, 100.00m, 0.00m);
    }

    [Fact]
    public async Task A_platform_that_never_answered_in_a_month_is_not_rated_for_that_month()
    {
        var june = (await GetAsync("/api/v1/public/platforms/ranking?month=2026-06")).GetProperty("platforms");

        var rating = june.Row("huobutou", "slug").GetProperty("rating");
        Assert.Equal("NotRated", rating.GetProperty("value").GetString());
        AssertFactors(rating, 0.00m, 0.00m, null);
    }

    [Fact]
    public async Task Naming_a_platform_narrows_every_distribution_to_it()
    {
        var stats = await GetAsync("/api/v1/public/stats?year=2026&platform=1688");

        Assert.Equal("1688", stats.GetProperty("platform").GetProperty("slug").GetString());
        Assert.Equal(5, stats.GetProperty("totalCases").GetInt32());
        var byType = stats.GetProperty("byType");
        Assert.Equal((3, 60.00m), byType.Share("RefundOnly"));
        Assert.Equal((1, 20.00m), byType.Share("FrozenFunds"));
        Assert.Equal((1, 20.00m), byType.Share("ForcedFee"));
        var top = stats.GetProperty("byProvince").GetProperty("top10");
        // 广东 and 浙江 tie at 2: the official order puts 浙江 first.
        Assert.Equal(["CN-ZJ", "CN-GD", "CN-BJ"], top.EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal((2, 40.00m), top.Share("CN-GD"));
        Assert.Equal((2, 40.00m), top.Share("CN-ZJ"));
        Assert.Equal((1, 20.00m), top.Share("CN-BJ"));
        var byGender = stats.GetProperty("byGender");
        Assert.Equal((2, 40.00m), byGender.Share("Male"));
        Assert.Equal((2, 40.00m), byGender.Share("Female"));
        Assert.Equal((1, 20.00m), byGender.Share("Unstated"));
        var brackets = stats.GetProperty("byAmount").GetProperty("brackets");
        Assert.Equal([1, 1, 1, 1, 0, 1], brackets.EnumerateArray().Select(b => b.GetProperty("count").GetInt32()));
        Assert.Equal([20.00m, 20.00m, 20.00m, 20.00m, 0m, 20.00m], brackets.EnumerateArray().Select(b => b.GetProperty("percent").GetDecimal()));
        var rows = stats.GetProperty("platforms");
        Assert.Equal(1, rows.GetArrayLength());
        Assert.Equal(100.00m, rows[0].GetProperty("percent").GetDecimal());
    }

    [Theory]
    [InlineData("/api/v1/public/stats?year=2026&platform=huobutou", 2)]
    [InlineData("/api/v1/public/stats?year=2026&platform=aliexpress", 3)]
    [InlineData("/api/v1/public/stats?year=2026&platform=douyin", 0)]
    [InlineData("/api/v1/public/stats?year=2027", 1)]
    public async Task A_view_of_fewer_than_five_cases_gives_its_total_and_no_breakdown(string url, int total)
    {
        var stats = await GetAsync(url);

        Assert.Equal(total, stats.GetProperty("totalCases").GetInt32());
        Assert.True(stats.GetProperty("breakdownWithheld").GetBoolean());
        Assert.Equal(0, stats.GetProperty("byType").GetArrayLength());
        Assert.Equal(0, stats.GetProperty("byGender").GetArrayLength());
        Assert.Equal(0, stats.GetProperty("byProvince").GetProperty("all").GetArrayLength());
        Assert.Equal(0, stats.GetProperty("byProvince").GetProperty("top10").GetArrayLength());
        Assert.Equal(0, stats.GetProperty("byAmount").GetProperty("brackets").GetArrayLength());
        Assert.Equal(0, stats.GetProperty("platforms").GetArrayLength());
    }

    [Fact]
    public async Task A_view_of_five_cases_gives_its_breakdown()
    {
        var stats = await GetAsync("/api/v1/public/stats?year=2026&platform=1688");

        Assert.Equal(5, stats.GetProperty("totalCases").GetInt32());
        Assert.False(stats.GetProperty("breakdownWithheld").GetBoolean());
        Assert.Equal(3, stats.GetProperty("byType").GetArrayLength());
    }

    [Theory]
    [InlineData("/Platforms/huobutou?year=2026", "zh-CN", "少于 5 件")]
    [InlineData("/reports/2027", "en", "Fewer than 5 cases")]
    public async Task A_page_of_fewer_than_five_cases_says_why_it_shows_the_total_only(string url, string language, string said)
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = DisputesAppFactory.Https, HandleCookies = false,
        });
        client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3D{language}%7Cuic%3D{language}");

        var html = await client.GetStringAsync(url);

        Assert.Contains(said, html, StringComparison.Ordinal);
        Assert.Contains("id=\"withheld\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"type\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"province\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_of_fewer_than_five_cases_gives_its_total_only()
    {
        var csv = await fixture.App.CreateClient().GetStringAsync("/reports/2026.csv?platform=huobutou");

        Assert.Contains("少于 5 件", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("CN-GD", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unclaimed_and_rejected_filings_are_not_counted()
    {
        // c17 (an unclaimed filing in March) and c18 (rejected, April) are 1688's too, and leave the 5 above unchanged.
        var march = await GetAsync("/api/v1/public/platforms/ranking?month=2026-03");

        Assert.Equal(2, march.GetProperty("platforms").Row("1688", "slug").GetProperty("cases").GetInt32());
    }

    [Fact]
    public async Task Rows_whose_share_lands_on_an_exact_half_round_to_the_even_neighbour()
    {
        // 2028: 32 cases on JD. 1/32 = 3.125 → 3.12; 3/32 = 9.375 → 9.38; 28/32 = 87.5; 4/32 = 12.5.
        var stats = await GetAsync("/api/v1/public/stats?year=2028");

        Assert.Equal(32, stats.GetProperty("totalCases").GetInt32());
        var byType = stats.GetProperty("byType");
        Assert.Equal((1, 3.12m), byType.Share("RefundOnly"));
        Assert.Equal((3, 9.38m), byType.Share("FrozenFunds"));
        Assert.Equal((28, 87.50m), byType.Share("ForcedFee"));
        Assert.Equal((4, 12.50m), stats.GetProperty("byProvince").GetProperty("all").Share("CN-ZJ"));
        Assert.Equal((32, 100.00m), stats.GetProperty("byAmount").GetProperty("brackets").Share("0-100"));
    }

    [Fact]
    public async Task Without_a_year_the_stats_are_for_the_current_year_in_China()
    {
        // The fixture's clock ends in February 2028.
        var stats = await GetAsync("/api/v1/public/stats");

        Assert.Equal(2028, stats.GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task Names_follow_Accept_Language_on_the_API()
    {
        var stats = await PublicJson.GetAsync(fixture.App, "/api/v1/public/stats?year=2026", "en");

        Assert.Equal("Refund only", stats.GetProperty("byType").Row("RefundOnly").GetProperty("name").GetString());
        Assert.Equal("Guangdong", stats.GetProperty("byProvince").GetProperty("all").Row("CN-GD").GetProperty("name").GetString());
        Assert.Equal("Not rated", stats.GetProperty("platforms").Row("huobutou", "slug").GetProperty("rating").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/api/v1/public/stats?year=1999", "year")]
    [InlineData("/api/v1/public/stats?year=twenty", "year")]
    [InlineData("/api/v1/public/stats?platform=nowhere", "platform")]
    [InlineData("/api/v1/public/platforms/ranking?month=2026-13", "month")]
    [InlineData("/api/v1/public/platforms/ranking?month=March", "month")]
    [InlineData("/api/v1/public/feed?pageSize=1000", "pageSize")]
    [InlineData("/api/v1/public/feed?page=0", "page")]
    public async Task A_bad_parameter_is_a_validation_problem_naming_it(string url, string field)
    {
        var response = await fixture.App.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.ReadAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    private static void AssertCounts(JsonElement rating, int notRated, int notRecommended, int caution, int recommended)
    {
        var counts = rating.GetProperty("counts");
        Assert.Equal(notRated, counts.GetProperty("NotRated").GetInt32());
        Assert.Equal(notRecommended, counts.GetProperty("NotRecommended").GetInt32());
        Assert.Equal(caution, counts.GetProperty("Caution").GetInt32());
        Assert.Equal(recommended, counts.GetProperty("Recommended").GetInt32());
    }

    private static void AssertFactors(JsonElement rating, decimal? response, decimal? timeliness, decimal? satisfaction)
    {
        var factors = rating.GetProperty("factors");
        Assert.Equal(response, factors.NullableDecimal("responseRate"));
        Assert.Equal(timeliness, factors.NullableDecimal("timeliness"));
        Assert.Equal(satisfaction, factors.NullableDecimal("satisfaction"));
    }
}
