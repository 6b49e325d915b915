using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>
/// Tells, without a statement, whether anything has been committed to a SQLite database in WAL mode since an earlier
/// look. Every commit, from any connection in any process, rewrites the header of the database's WAL index (the
/// "-shm" file each connection maps, laid out in https://sqlite.org/walformat.html) before it returns: its change
/// counter, last frame and checksums. While the header reads the same, <see cref="Current"/> gives the same
/// <see cref="CommitMark"/>, and whatever was read from the database after that mark was taken is what it still holds.
/// </summary>
public sealed class SqliteCommitWatch : IDisposable
{
    /// <summary>The WAL index's format version that this reads (WALINDEX_MAX_VERSION since SQLite 3.7.0).</summary>
    private const uint KnownVersion = 3007000;

    private static readonly int HeaderSize = Marshal.SizeOf<Header>();

    private readonly SqliteConnection holder;
    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor view;
    private CommitMark? last;

    private SqliteCommitWatch(SqliteConnection holder, MemoryMappedFile file, MemoryMappedViewAccessor view)
    {
        this.holder = holder;
        this.file = file;
        this.view = view;
    }

    /// <summary>
    /// Watches the database of <paramref name="connectionString"/>, or gives null when it is not a file in WAL mode or
    /// its "-shm" file cannot be mapped. The watch keeps a connection of its own open, so SQLite never deletes and
    /// recreates the "-shm" file while it is read.
    /// </summary>
    public static SqliteCommitWatch? Open(string connectionString)
    {
        var holder = new SqliteConnection(connectionString);
        try
        {
            holder.Open();
            if (WalIndexOf(holder) is { } path && Map(path) is var (file, view))
            {
                return new SqliteCommitWatch(holder, file, view);
            }
        }
        catch
        {
            holder.Dispose();
            throw;
        }

        holder.Dispose();
        return null;
    }

    /// <summary>
    /// The mark of the database as it is now, the same object until the next commit; null while a commit is writing
    /// the header or SQLite is rebuilding the index, when nothing may be taken as unchanged.
    /// </summary>
    public CommitMark? Current()
    {
        // SQLite writes the second copy, then the first; a reader that reads the first, then the second, and finds
        // them equal has read one whole header (walIndexTryHdr in wal.c).
        view.Read(0, out Header first);
        Interlocked.MemoryBarrier();
        view.Read(HeaderSize, out Header second);
        if (first != second || first.IsInit == 0 || first.Version != KnownVersion)
        {
            return null;
        }

        var known = Volatile.Read(ref last);
        if (known?.Header == first)
        {
            return known;
        }

        // Readers that see the same new header at once all go on with the one mark that is kept.
        var fresh = new CommitMark(first);
        var kept = Interlocked.CompareExchange(ref last, fresh, known);
        if (ReferenceEquals(kept, known))
        {
            return fresh;
        }

        return kept?.Header == first ? kept : fresh;
    }

    public void Dispose()
    {
        view.Dispose();
        file.Dispose();
        holder.Dispose();
    }

    /// <summary>The "-shm" file of the connection's database after one read has mapped it, or null if not in WAL mode.</summary>
    private static string? WalIndexOf(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        if (!string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(connection.DataSource))
        {
            return null;
        }

        command.CommandText = "SELECT count(*) FROM sqlite_master;";
        command.ExecuteScalar();
        var path = connection.DataSource + "-shm";
        return File.Exists(path) ? path : null;
    }

    /// <summary>The first two headers' worth of <paramref name="path"/>, mapped read-only, or null when it cannot be.</summary>
    private static (MemoryMappedFile File, MemoryMappedViewAccessor View)? Map(string path)
    {
        FileStream? stream = null;
        MemoryMappedFile? file = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file = MemoryMappedFile.CreateFromFile(stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            return (file, file.CreateViewAccessor(0, 2 * HeaderSize, MemoryMappedFileAccess.Read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            file?.Dispose();
            stream?.Dispose();
            return null;
        }
    }

    /// <summary>WalIndexHdr, as the unix and windows VFSes keep it in the first 96 bytes of the "-shm" file, twice.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal readonly record struct Header(
        uint Version,
        uint Unused,
        uint Change,
        byte IsInit,
        byte BigEndianChecksums,
        ushort PageSize,
        uint LastFrame,
        uint Pages,
        ulong FrameChecksum,
        ulong Salt,
        ulong Checksum);
}

/// <summary>The database between two commits (<see cref="SqliteCommitWatch.Current"/>): compared by reference.</summary>
public sealed class CommitMark
{
    internal CommitMark(SqliteCommitWatch.Header header) => Header = header;

    internal SqliteCommitWatch.Header Header { get; }
}
