using System.Collections.Concurrent;
using MerchantDisputes.Infrastructure.Data;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// The stamp last read of each case, with the mark of the database taken before it was read
/// (<see cref="ReadContexts.LastCommit"/>), so that reading an unchanged case again while nothing at all has been
/// written costs no statement. A stamp is found only under the very mark it was kept with: any commit, to any case, by
/// any process, makes a new mark and leaves every kept stamp behind until its case is read again.
/// </summary>
public sealed class CaseStamps
{
    /// <summary>At most this many cases (about 25 MB); past it, other cases are read each time but not kept.</summary>
    public const int MaxKept = 100_000;

    private readonly ConcurrentDictionary<Guid, Kept> kept = new();
    private int count;

    /// <summary>The stamp of case <paramref name="id"/> kept with <paramref name="mark"/>, or null.</summary>
    public CaseStamp? Find(CommitMark mark, Guid id) =>
        kept.TryGetValue(id, out var stamp) && ReferenceEquals(stamp.Mark, mark) ? stamp.Stamp : null;

    /// <summary>Keeps <paramref name="stamp"/>, read after <paramref name="mark"/> was taken, in place of the case's last.</summary>
    public void Keep(CommitMark mark, Guid id, CaseStamp stamp)
    {
        var fresh = new Kept(mark, stamp);
        if (kept.TryGetValue(id, out var last))
        {
            kept.TryUpdate(id, fresh, last); // losing to another reader's keep is as good: it too was read after its mark
        }
        else if (Volatile.Read(ref count) < MaxKept && kept.TryAdd(id, fresh))
        {
            Interlocked.Increment(ref count);
        }
    }

    private sealed class Kept(CommitMark mark, CaseStamp stamp)
    {
        public CommitMark Mark { get; } = mark;

        public CaseStamp Stamp { get; } = stamp;
    }
}
