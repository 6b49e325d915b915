using System.Net;
using System.Text;
using System.Text.Json;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Web.Tests.Support;
using MerchantDisputes.Web.Tests.Workflow.Support;

namespace MerchantDisputes.Web.Tests.Workflow;

/// <summary>Who is asking, relative to one case.</summary>
public enum Perspective
{
    Owner,
    OtherMerchant,
    Mediator,
    PlatformAgent,
    OtherPlatformAgent,
    Lawyer,
    Admin,
}

/// <summary>
/// Every status × every action × every perspective, expectations generated from
/// <see cref="DisputeStateMachine.Table"/> and the visibility rule of docs/decisions/0002:
/// a case the caller cannot see is 404; a role that never may do the action is 403; a role that may, but not in
/// this status, is 409; a row for the status, action and role is 2xx and lands in the row's target status.
/// </summary>
public sealed class AuthorisationMatrixTests(WorkflowApp app) : IClassFixture<WorkflowApp>
{
    private enum Outcome
    {
        Succeeds,
        Forbidden,
        Conflict,
        NotFound,
    }

    public static TheoryData<DisputeStatus> Statuses => new(Enum.GetValues<DisputeStatus>());

    [Fact]
    public void Every_action_has_an_endpoint_or_is_a_timer_and_never_both()
    {
        var unmapped = Enum.GetValues<DisputeAction>()
            .Where(a => !ActionEndpoints.Api.ContainsKey(a) && !ActionEndpoints.Timers.Contains(a))
            .ToList();

        Assert.True(unmapped.Count == 0, $"DisputeAction without an endpoint mapping in ActionEndpoints: {string.Join(", ", unmapped)}");
        Assert.Empty(ActionEndpoints.Api.Keys.Intersect(ActionEndpoints.Timers));
    }

    [Fact]
    public void Timer_actions_have_only_system_rows_and_every_endpoint_action_has_none()
    {
        foreach (var timer in ActionEndpoints.Timers)
        {
            var rows = DisputeStateMachine.Table.Where(t => t.Action == timer).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, t => Assert.Equal(Actor.SystemRole, t.Role));
        }

        Assert.DoesNotContain(DisputeStateMachine.Table, t => t.Role == Actor.SystemRole && ActionEndpoints.Api.ContainsKey(t.Action));
    }

    [Fact]
    public void The_perspectives_cover_every_role_in_the_table()
    {
        var covered = Enum.GetValues<Perspective>().Select(RoleOf).ToHashSet();
        Assert.Superset(Roles.All.ToHashSet(), covered);
        Assert.All(DisputeStateMachine.Table.Where(t => t.Role != Actor.SystemRole), t => Assert.Contains(t.Role, covered));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Every_action_by_every_role_answers_as_the_table_and_visibility_say(DisputeStatus status)
    {
        var drive = new Drive(app);
        var shared = await drive.ToStatusAsync(status);
        var facts = await Drive.ReadAsync(app.Cast.Owner, shared);
        Assert.Equal(status.ToString(), facts.GetProperty("status").GetString());
        var versionBefore = facts.GetProperty("version").GetInt32();

        var cells = (
            from action in Enum.GetValues<DisputeAction>().Where(a => !ActionEndpoints.Timers.Contains(a))
            from who in Enum.GetValues<Perspective>()
            select (action, who, expected: Expect(status, action, who, facts))).ToList();

        // Refusals change nothing, so they share one case; each success gets a fresh case of its own.
        using var gate = new SemaphoreSlim(8);
        var results = await Task.WhenAll(cells.Select(async cell =>
        {
            await gate.WaitAsync();
            try
            {
                var id = cell.expected == Outcome.Succeeds ? await drive.ToStatusAsync(status) : shared;
                return await TryAsync(cell.action, cell.who, cell.expected, id, status);
            }
            finally
            {
                gate.Release();
            }
        }));
        var reads = await Task.WhenAll(Enum.GetValues<Perspective>().Select(async who =>
        {
            var response = await PersonOf(who).Api.GetAsync($"/api/v1/disputes/{shared}");
            var expected = CanSee(who, facts) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            return response.StatusCode == expected ? null : $"{who} GET: expected {(int)expected}, got {(int)response.StatusCode}";
        }));

        var mismatches = results.Concat(reads).OfType<string>().ToList();
        Assert.True(mismatches.Count == 0, $"{status}: {mismatches.Count} of {cells.Count + reads.Length} cells disagree:\n" + string.Join("\n", mismatches));
        var after = await Drive.ReadAsync(app.Cast.Owner, shared);
        Assert.Equal(versionBefore, after.GetProperty("version").GetInt32());
        Assert.Equal(status.ToString(), after.GetProperty("status").GetString());
    }

    private async Task<string?> TryAsync(DisputeAction action, Perspective who, Outcome expected, Guid id, DisputeStatus status)
    {
        if (!ActionEndpoints.Api.ContainsKey(action))
        {
            return $"{action}: no endpoint mapping";
        }

        var response = await PersonOf(who).Api.SendAsync(action, id);
        var code = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var ok = expected switch
        {
            Outcome.Succeeds => response.IsSuccessStatusCode,
            Outcome.Forbidden => response.StatusCode == HttpStatusCode.Forbidden,
            Outcome.Conflict => response.StatusCode == HttpStatusCode.Conflict,
            _ => response.StatusCode == HttpStatusCode.NotFound,
        };
        if (!ok)
        {
            return $"{action} by {who}: expected {expected}, got {code} {Shorten(text)}";
        }

        if (expected == Outcome.Succeeds)
        {
            var to = DisputeStateMachine.Table.Single(t => t.From == status && t.Action == action && t.Role == RoleOf(who)).To;
            var landed = JsonDocument.Parse(text).RootElement.GetProperty("status").GetString();
            return landed == to.ToString() ? null : $"{action} by {who}: succeeded but landed in {landed}, the table says {to}";
        }

        return null;
    }

    private static Outcome Expect(DisputeStatus status, DisputeAction action, Perspective who, JsonElement facts)
    {
        if (!CanSee(who, facts))
        {
            return Outcome.NotFound;
        }

        var role = RoleOf(who);
        if (!DisputeStateMachine.Table.Any(t => t.Action == action && t.Role == role))
        {
            return Outcome.Forbidden;
        }

        return DisputeStateMachine.Table.Any(t => t.From == status && t.Action == action && t.Role == role)
            ? Outcome.Succeeds
            : Outcome.Conflict;
    }

    /// <summary>docs/decisions/0002, written against what the API says about the case, not against the code's filter.</summary>
    private static bool CanSee(Perspective who, JsonElement facts)
    {
        var status = Enum.Parse<DisputeStatus>(facts.GetProperty("status").GetString()!);
        var platform = facts.GetProperty("platform").GetString();
        var forwarded = facts.GetProperty("forwardedAt").ValueKind != JsonValueKind.Null;
        var level = Enum.Parse<EscalationLevel>(facts.GetProperty("escalationLevel").GetString()!);
        return who switch
        {
            Perspective.Owner => true,
            Perspective.OtherMerchant => false,
            Perspective.Mediator or Perspective.Admin => status != DisputeStatus.Draft,
            Perspective.PlatformAgent => platform == WorkflowApp.Platform && forwarded,
            Perspective.OtherPlatformAgent => platform == WorkflowApp.OtherPlatform && forwarded,
            Perspective.Lawyer => level >= EscalationLevel.LegalReview,
            _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
        };
    }

    private static string RoleOf(Perspective who) => who switch
    {
        Perspective.Owner or Perspective.OtherMerchant => Roles.Merchant,
        Perspective.Mediator => Roles.Mediator,
        Perspective.PlatformAgent or Perspective.OtherPlatformAgent => Roles.PlatformAgent,
        Perspective.Lawyer => Roles.Lawyer,
        Perspective.Admin => Roles.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };

    private Person PersonOf(Perspective who) => who switch
    {
        Perspective.Owner => app.Cast.Owner,
        Perspective.OtherMerchant => app.Cast.OtherMerchant,
        Perspective.Mediator => app.Cast.Mediator,
        Perspective.PlatformAgent => app.Cast.Agent,
        Perspective.OtherPlatformAgent => app.Cast.OtherAgent,
        Perspective.Lawyer => app.Cast.Lawyer,
        Perspective.Admin => app.Cast.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };

    private static string Shorten(string text)
    {
        var builder = new StringBuilder(text.Length > 160 ? text[..160] + "…" : text);
        return builder.Replace('\n', ' ').ToString();
    }
}
