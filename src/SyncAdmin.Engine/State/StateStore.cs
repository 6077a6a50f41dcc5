using Microsoft.Data.Sqlite;

namespace SyncAdmin.Engine.State;

/// <summary>The SQLite state store: mappings and watermarks, couplings, jobs, the error log and leases.
/// One connection, WAL journal and a busy timeout so several processes (runbook workers) can share one file.</summary>
public sealed class StateStore : IDisposable
{
    private SqliteTransaction? _transaction;

    private StateStore(string path, SqliteConnection connection, TimeProvider clock)
    {
        Path = path;
        Connection = connection;
        Clock = clock;
        Mappings = new MappingStore(this);
        Couplings = new CouplingStore(this);
        Jobs = new JobLog(this);
        Errors = new ErrorLog(this);
        Leases = new LeaseStore(this);
    }

    public string Path { get; }
    public TimeProvider Clock { get; }
    internal SqliteConnection Connection { get; }
    public int SchemaVersion => StoreMigrations.CurrentVersion(Connection);

    public MappingStore Mappings { get; }
    public CouplingStore Couplings { get; }
    public JobLog Jobs { get; }
    public ErrorLog Errors { get; }
    public LeaseStore Leases { get; }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> and migrates it to the latest schema.</summary>
    public static StateStore Open(string path, TimeProvider? clock = null) => Open(path, clock, migrateTo: null);

    internal static StateStore Open(string path, TimeProvider? clock, int? migrateTo)
    {
        SqliteSetup.EnsureInitialized();
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
                pragma.ExecuteNonQuery();
            }
            StoreMigrations.Apply(connection, full, migrateTo);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new StateStore(full, connection, clock ?? TimeProvider.System);
    }

    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    private static long _lastEpoch;

    /// <summary>Changes whenever what the store holds may differ from what coupling objects remember of it (a transaction
    /// rolled back), so <see cref="CouplingStore.Save"/> falls back to writing every column. Unique across store
    /// instances, so a coupling read through one never passes for current in another.</summary>
    internal long Epoch { get; private set; } = Interlocked.Increment(ref _lastEpoch);

    internal void ForgetStoredCouplings() => Epoch = Interlocked.Increment(ref _lastEpoch);

    internal SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>Runs <paramref name="work"/> in one store transaction (or inside the one already open).</summary>
    public T InTransaction<T>(Func<T> work)
    {
        if (_transaction is not null) return work();
        _transaction = Connection.BeginTransaction();
        var committed = false;
        try
        {
            var result = work();
            _transaction.Commit();
            committed = true;
            return result;
        }
        finally
        {
            if (!committed) ForgetStoredCouplings();
            _transaction.Dispose();
            _transaction = null;
        }
    }

    public void InTransaction(Action work) => InTransaction(() => { work(); return 0; });

    /// <summary>Commands prepared once and reused keep their transaction in step with the store's.</summary>
    internal void Enlist(SqliteCommand command) => command.Transaction = _transaction;

    public void Dispose()
    {
        Couplings.Dispose();
        Connection.Dispose();
    }
}
