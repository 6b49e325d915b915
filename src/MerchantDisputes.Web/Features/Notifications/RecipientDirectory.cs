using MerchantDisputes.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Features.Notifications;

/// <summary>
/// Who holds a staff role and where each person's e-mail goes, read from the database when first needed and then
/// kept for as long as the directory lives: one change in a request, or a whole deadline sweep (a few seconds), so a
/// backlog of cases reads each role once instead of once per case. Not thread-safe: one owner at a time.
/// </summary>
public sealed class RecipientDirectory
{
    private readonly Dictionary<string, List<Member>> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string?> _emails = [];
    private readonly HashSet<Guid> _closed = [];

    /// <summary>The holders of <paramref name="role"/>, of one platform when <paramref name="platformId"/> is given.</summary>
    public async Task<IReadOnlyList<Guid>> InRoleAsync(DisputesDbContext db, string role, int? platformId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!_roles.TryGetValue(role, out var members))
        {
            members = await db.Users
                .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
                .Select(u => new Member(u.Id, u.PlatformId, u.Email))
                .ToListAsync(cancellationToken);
            _roles[role] = members;
            foreach (var member in members)
            {
                _emails[member.Id] = member.Email;
            }
        }

        return members.Where(m => platformId == null || m.PlatformId == platformId).Select(m => m.Id).ToList();
    }

    /// <summary>Whether the account was deleted (known once <see cref="EmailsAsync"/> has read it): it is told nothing more.</summary>
    public bool IsClosed(Guid id) => _closed.Contains(id);

    /// <summary>
    /// The addresses of those of <paramref name="ids"/> who have one and have not deleted their account; the ones not
    /// yet known are read in one query.
    /// </summary>
    public async Task<IReadOnlyList<string>> EmailsAsync(DisputesDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        var missing = ids.Where(id => !_emails.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var found = await db.Users.Where(u => missing.Contains(u.Id))
                .Select(u => new { u.Id, u.Email, Closed = u.DeletedAt != null })
                .ToDictionaryAsync(u => u.Id, cancellationToken);
            foreach (var id in missing)
            {
                var user = found.GetValueOrDefault(id);
                _emails[id] = user is { Closed: false } ? user.Email : null;
                if (user is { Closed: true })
                {
                    _closed.Add(id);
                }
            }
        }

        return ids.Select(id => _emails[id]).OfType<string>().ToList();
    }

    private sealed record Member(Guid Id, int? PlatformId, string? Email);
}
