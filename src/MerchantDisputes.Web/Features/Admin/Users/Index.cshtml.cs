using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Features.Disputes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MerchantDisputes.Web.Features.Admin.Users;

[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(AdminService admin) : PageModel
{
    public string? Email { get; private set; }

    public PageOf<AdminUserDto> Result { get; private set; } = new([], 1, AdminService.PageSize, 0);

    public async Task OnGetAsync(string? email, int? p, CancellationToken cancellationToken)
    {
        Email = email?.Trim();
        Result = await admin.ListUsersAsync(Email, p ?? 1, cancellationToken);
    }

    public string PageLink(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["email"] = string.IsNullOrEmpty(Email) ? null : Email,
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => kv.Value is not null)).ToString();
}
