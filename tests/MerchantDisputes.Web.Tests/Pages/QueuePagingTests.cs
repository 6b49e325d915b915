using System.Text.Json;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;

namespace MerchantDisputes.Web.Tests.Pages;

/// <summary>
/// A staff queue is two index ranges, cases with a deadline first; a page that reaches the end of the first range
/// tells its length without counting it. Own app, so the queue holds exactly these five cases.
/// </summary>
public sealed class QueuePagingTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Pages_of_every_size_cross_from_the_deadline_range_to_the_rest_without_gap_or_repeat_and_count_exactly()
    {
        var merchant = await PageCast.MerchantAsync(app);
        var cases = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            cases.Add(await PageCast.SubmittedCaseAsync(app, merchant));
            app.Clock.Advance(TimeSpan.FromMinutes(1)); // each part of the queue is in submission order
        }

        var mediator = await PageCast.StaffAsync(app, Roles.Mediator);
        foreach (var id in cases.Take(3))
        {
            await PageCast.ActOkAsync(mediator, id, "Claim");
            await PageCast.ActOkAsync(mediator, id, "Forward");
        }

        var api = await Staff.SignInAsync(app, Roles.Mediator);
        for (var size = 1; size <= 6; size++)
        {
            var seen = new List<string>();
            for (var page = 1; page <= (5 + size - 1) / size + 1; page++)
            {
                var list = await ApiClient.ReadAsync(await api.GetAsync($"/api/v1/disputes?pageSize={size}&page={page}"));
                Assert.Equal(5, list.GetProperty("total").GetInt32());
                seen.AddRange(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            }

            Assert.Equal(cases, seen);
        }
    }
}
