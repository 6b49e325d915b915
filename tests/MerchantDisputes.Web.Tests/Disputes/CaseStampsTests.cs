using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Disputes;
using Microsoft.Data.Sqlite;

namespace MerchantDisputes.Web.Tests.Disputes;

/// <summary>
/// <see cref="CaseStamps"/> with marks from a real SQLite file: a stamp is found only under the mark it was kept
/// with, a later mark leaves every stamp behind, and stamps of two marks are never mixed.
/// </summary>
public sealed class CaseStampsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "md-stamps-" + Guid.NewGuid().ToString("N"));
    private readonly string connectionString;
    private readonly SqliteCommitWatch watch;

    public CaseStampsTests()
    {
        Directory.CreateDirectory(folder);
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "stamps.db"), Pooling = false }.ToString();
        Commit("PRAGMA journal_mode=WAL;", "CREATE TABLE Things (Id INTEGER PRIMARY KEY);");
        watch = SqliteCommitWatch.Open(connectionString) ?? throw new InvalidOperationException("not in WAL mode");
    }

    [Fact]
    public void A_stamp_is_found_under_its_mark_and_left_behind_by_the_next()
    {
        var stamps = new CaseStamps();
        var id = Guid.CreateVersion7();
        var before = NextMark();
        stamps.Keep(before, id, Stamp(1));

        var found = stamps.Find(before, id);
        var after = NextMark();

        Assert.Equal(Stamp(1), found);
        Assert.Null(stamps.Find(after, id));
        Assert.Null(stamps.Find(before, Guid.CreateVersion7()));
    }

    [Fact]
    public void Stamps_kept_under_two_marks_are_never_mixed()
    {
        var stamps = new CaseStamps();
        var (id, slowId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var earlier = NextMark();
        var later = NextMark();

        stamps.Keep(later, id, Stamp(2));
        stamps.Keep(earlier, slowId, Stamp(1)); // a request that took its mark before the last commit
        stamps.Keep(later, id, Stamp(2));

        Assert.Equal(Stamp(2), stamps.Find(later, id));
        Assert.Null(stamps.Find(later, slowId));
        Assert.Equal(Stamp(1), stamps.Find(earlier, slowId));
        Assert.Null(stamps.Find(earlier, id));
    }

    [Fact]
    public void No_more_than_the_bound_are_kept_under_one_mark()
    {
        var stamps = new CaseStamps();
        var mark = NextMark();
        var ids = Enumerable.Range(0, CaseStamps.MaxKept + 1).Select(_ => Guid.NewGuid()).ToList();

        foreach (var id in ids)
        {
            stamps.Keep(mark, id, Stamp(1));
        }

        Assert.NotNull(stamps.Find(mark, ids[CaseStamps.MaxKept - 1]));
        Assert.Null(stamps.Find(mark, ids[CaseStamps.MaxKept]));
    }

    public void Dispose()
    {
        watch.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    private static CaseStamp Stamp(int version) =>
        new(version, "拼多多", "Pinduoduo", Guid.Empty, 1, DisputeStatus.Submitted, EscalationLevel.None, null, null);

    /// <summary>Commits one row and gives the mark of the database after it.</summary>
    private CommitMark NextMark()
    {
        Commit("INSERT INTO Things DEFAULT VALUES;");
        return watch.Current() ?? throw new InvalidOperationException("no mark");
    }

    private void Commit(params string[] statements)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }
}
