using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>
/// A context for hot reads. On SQL Server it is the request's own (the server keeps compiled plans). On SQLite it is
/// one of a few no-tracking contexts whose connection stays open and keeps every statement it has compiled, because
/// Microsoft.Data.Sqlite compiles each command afresh and drops its statements when a connection closes
/// (dotnet/efcore#14044), which made compiling the case detail's two statements a quarter of the app's time under
/// load (docs/performance.md). The queries stay EF Core's: only the command that runs them is one cached per SQL text.
/// </summary>
public sealed class ReadContexts : IDisposable
{
    /// <summary>Open contexts pooled between requests; more are opened under a burst and closed when returned.</summary>
    public const int MaxPooled = 16;

    private readonly string? _sqlite;
    private readonly ConcurrentBag<SqliteDisputesDbContext> _pooled = [];
    private long _compiled;

    private ReadContexts(string? sqlite) => _sqlite = sqlite;

    /// <summary>Each read uses the request's context.</summary>
    public static ReadContexts Shared() => new(null);

    /// <summary>Reads on SQLite connections of their own to <paramref name="connectionString"/>.</summary>
    public static ReadContexts Sqlite(string connectionString) => new(connectionString);

    /// <summary>How many statements the pooled connections have compiled (each SQL text once per connection).</summary>
    public long StatementsCompiled => Interlocked.Read(ref _compiled);

    /// <summary>How many open contexts wait to be rented.</summary>
    public int Pooled => _pooled.Count;

    /// <summary>
    /// A context for reading only, given back by disposing the lease. <paramref name="requestContext"/> is asked for
    /// the request's context only where reads use it, so a SQLite read does not rent one from the pool for nothing.
    /// </summary>
    public ReadLease Rent(Func<DisputesDbContext> requestContext)
    {
        ArgumentNullException.ThrowIfNull(requestContext);
        if (_sqlite is null)
        {
            return new ReadLease(requestContext(), null);
        }

        if (!_pooled.TryTake(out var context))
        {
            context = new SqliteDisputesDbContext(new DbContextOptionsBuilder<SqliteDisputesDbContext>()
                .UseSqlite(new CachingConnection(_sqlite, this), contextOwnsConnection: true)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                .AddInterceptors(CachedStatements.Instance)
                .Options);
            context.Database.OpenConnection();
        }

        return new ReadLease(context, this);
    }

    public void Dispose()
    {
        while (_pooled.TryTake(out var context))
        {
            context.Dispose();
        }
    }

    internal void Return(SqliteDisputesDbContext context)
    {
        if (_pooled.Count < MaxPooled && context.Database.GetDbConnection().State == ConnectionState.Open)
        {
            context.ChangeTracker.Clear();
            _pooled.Add(context);
        }
        else
        {
            context.Dispose();
        }
    }

    /// <summary>A connection that keeps a compiled command per SQL text while it is open (its context's life).</summary>
    internal sealed class CachingConnection(string connectionString, ReadContexts owner) : SqliteConnection(connectionString)
    {
        /// <summary>At most this many cached statements per connection; past it they are all compiled afresh.</summary>
        private const int MaxStatements = 64;

        private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

        /// <summary>
        /// The cached command for the text of EF Core's command, with EF Core's own parameters: they are bound when it
        /// runs, by name, each as EF Core typed it (or not: an untyped Guid binds as text, a typed one may not).
        /// </summary>
        public SqliteCommand CachedFor(DbCommand command)
        {
            var cached = CachedFor(command.CommandText);
            foreach (SqliteParameter parameter in command.Parameters)
            {
                cached.Parameters.Add(parameter);
            }

            cached.CommandTimeout = command.CommandTimeout;
            return cached;
        }

        /// <summary>The cached command for <paramref name="commandText"/>, without parameters.</summary>
        public SqliteCommand CachedFor(string commandText)
        {
            if (!_statements.TryGetValue(commandText, out var cached))
            {
                cached = Prepare(commandText);
            }

            cached.Parameters.Clear();
            return cached;
        }

        protected override void Dispose(bool disposing)
        {
            DropStatements();
            base.Dispose(disposing);
        }

        private SqliteCommand Prepare(string commandText)
        {
            if (_statements.Count >= MaxStatements)
            {
                DropStatements();
            }

            var cached = CreateCommand();
            cached.CommandText = commandText;
            cached.Prepare();
            _statements.Add(commandText, cached);
            Interlocked.Increment(ref owner._compiled);
            return cached;
        }

        private void DropStatements()
        {
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }

            _statements.Clear();
        }
    }

    /// <summary>Runs a reading command of a <see cref="CachingConnection"/> through its cached statement.</summary>
    private sealed class CachedStatements : DbCommandInterceptor
    {
        public static readonly CachedStatements Instance = new();

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            CachedFor(command) is { } cached ? InterceptionResult<DbDataReader>.SuppressWithResult(cached.ExecuteReader()) : result;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            CachedFor(command) is { } cached
                ? InterceptionResult<DbDataReader>.SuppressWithResult(await cached.ExecuteReaderAsync(cancellationToken))
                : result;

        /// <summary>The cached statement for a command outside a transaction on a <see cref="CachingConnection"/>, else null.</summary>
        private static SqliteCommand? CachedFor(DbCommand command) =>
            command.Connection is CachingConnection connection && command.Transaction is null ? connection.CachedFor(command) : null;
    }
}

/// <summary>A rented read context; disposing it gives the context back.</summary>
public readonly struct ReadLease(DisputesDbContext context, ReadContexts? owner) : IDisposable
{
    public DisputesDbContext Db => context;

    /// <summary>
    /// The first row of <paramref name="sql"/>, bound by <paramref name="bind"/> and read by <paramref name="read"/>,
    /// or null: for a read too small for EF Core's query pipeline to be worth its cost. On SQLite it runs the
    /// connection's cached statement for the text; elsewhere a command of its own on the request context's connection.
    /// </summary>
    public async ValueTask<T?> FirstRowAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(read);
        var database = context.Database;
        if (database.GetDbConnection() is ReadContexts.CachingConnection keeping)
        {
            return await FirstRowAsync(keeping.CachedFor(sql), bind, read, cancellationToken);
        }

        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            return await FirstRowAsync(command, bind, read, cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    public void Dispose() => owner?.Return((SqliteDisputesDbContext)context);

    private static async ValueTask<T?> FirstRowAsync<T>(DbCommand command, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }
}
