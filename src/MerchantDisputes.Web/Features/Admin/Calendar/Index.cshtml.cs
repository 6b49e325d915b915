using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Domain.Validation;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Calendar;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Admin.Calendar;

/// <summary>
/// The working-day calendar of one year: its holidays and worked weekend days, a warning when a year lacks data,
/// a form to add or correct a day (CalendarService, the same rules as the API) and the latest changes.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(CalendarService calendar, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public DayInput Input { get; set; } = new();

    [TempData]
    public int? Moved { get; set; }

    public CalendarYearDto Days { get; private set; } = new(0, false, null, []);

    public IReadOnlyList<CalendarChangeDto> Changes { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public int ShownYear => Year is >= 2000 and <= 2100 ? Year.Value : ChinaTime.Today(clock.GetUtcNow()).Year;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (Input.Date is not { } date)
            {
                var errors = new ValidationErrors();
                errors.Add("date", ErrorCodes.Required);
                errors.ThrowIfAny();
            }

            var change = await calendar.SetDayAsync(Input.Date!.Value, new SetCalendarDayRequest(Input.IsOffDay, Input.Name, Input.Reason),
                User.ToActor()?.UserId ?? Guid.Empty, cancellationToken);
            Moved = change.MovedDeadlines;
            return Redirect($"/Admin/Calendar?year={change.Date.Year}");
        }
        catch (DomainValidationException e)
        {
            Errors.AddRange(e.Errors);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Days = await calendar.YearAsync(ShownYear, cancellationToken);
        Changes = await calendar.ChangesAsync(cancellationToken);
    }

    public sealed class DayInput
    {
        public DateOnly? Date { get; set; }
        public bool? IsOffDay { get; set; }
        public string? Name { get; set; }
        public string? Reason { get; set; }
    }
}
