using System.Collections.Concurrent;
using MerchantDisputes.Infrastructure.Data;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// The stamps read since the database last took a commit (<see cref="ReadContexts.LastCommit"/>), so that reading an
/// unchanged case again while nothing at all has been written costs no statement. A stamp is kept under the mark taken
/// before it was read, and found only under that same mark: any commit, to any case, by any process, makes a new mark
/// and leaves every kept stamp behind.
/// </summary>
public sealed class CaseStamps
{
    /// <summary>At most this many stamps under one mark (about 20 MB); past it, more are read but not kept.</summary>
    public const int MaxKept = 100_000;

    private Since current = new(null);

    /// <summary>The stamp of case <paramref name="id"/> kept under <paramref name="mark"/>, or null.</summary>
    public CaseStamp? Find(CommitMark mark, Guid id)
    {
        var since = Volatile.Read(ref current);
        return ReferenceEquals(since.Mark, mark) && since.Stamps.TryGetValue(id, out var stamp) ? stamp : null;
    }

    /// <summary>Keeps <paramref name="stamp"/>, read after <paramref name="mark"/> was taken, under that mark.</summary>
    public void Keep(CommitMark mark, Guid id, CaseStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(mark);
        if (SinceOf(mark) is { } since && Interlocked.Increment(ref since.Count) <= MaxKept)
        {
            since.Stamps[id] = stamp;
        }
    }

    /// <summary>
    /// The stamps kept under <paramref name="mark"/>, started afresh when it is not the one they are kept under (a
    /// commit since; or, for a moment, a request that took its mark before it); null when another request just did.
    /// </summary>
    private Since? SinceOf(CommitMark mark)
    {
        var since = Volatile.Read(ref current);
        if (ReferenceEquals(since.Mark, mark))
        {
            return since;
        }

        var fresh = new Since(mark);
        return ReferenceEquals(Interlocked.CompareExchange(ref current, fresh, since), since) ? fresh : null;
    }

    private sealed class Since(CommitMark? mark)
    {
        public CommitMark? Mark { get; } = mark;

        public ConcurrentDictionary<Guid, CaseStamp> Stamps { get; } = new();

        public int Count;
    }
}
