using System.Data.Common;
using SyncAdmin.Engine.Providers.SqlServer;

namespace SyncAdmin.Engine.State;

/// <summary>The state store: mappings and watermarks, couplings, jobs, the error log and leases. A SQLite file by
/// default (WAL, busy timeout: several processes can share it); SQL Server when runbook workers on several machines
/// share one state.</summary>
public sealed class StateStore : IDisposable
{
    private DbTransaction? _transaction;

    private StateStore(string description, DbConnection connection, StoreDialect dialect, TimeProvider clock)
    {
        Description = description;
        Connection = connection;
        Dialect = dialect;
        Clock = clock;
        Mappings = new MappingStore(this);
        Couplings = new CouplingStore(this);
        Jobs = new JobLog(this);
        Errors = new ErrorLog(this);
        Leases = new LeaseStore(this);
    }

    /// <summary>The store as messages name it: the SQLite file, or the SQL Server and database (never a password).</summary>
    public string Description { get; }
    public TimeProvider Clock { get; }
    public StoreDialect Dialect { get; }
    internal DbConnection Connection { get; }
    public int SchemaVersion => StoreMigrations.CurrentVersion(Connection, Dialect, _transaction);

    public MappingStore Mappings { get; }
    public CouplingStore Couplings { get; }
    public JobLog Jobs { get; }
    public ErrorLog Errors { get; }
    public LeaseStore Leases { get; }

    /// <summary>Opens (creating if needed) the SQLite store at <paramref name="path"/> and migrates it to the latest schema.</summary>
    public static StateStore Open(string path, TimeProvider? clock = null) => Open(SqliteStoreDialect.Instance, path, clock, migrateTo: null);

    /// <summary>Opens a store on SQL Server (the database must exist; the tables are created or migrated).</summary>
    public static StateStore OpenSqlServer(string connectionString, TimeProvider? clock = null) =>
        Open(SqlServerStoreDialect.Instance, connectionString, clock, migrateTo: null);

    internal static StateStore Open(string path, TimeProvider? clock, int? migrateTo) => Open(SqliteStoreDialect.Instance, path, clock, migrateTo);

    internal static StateStore Open(StoreDialect dialect, string location, TimeProvider? clock, int? migrateTo)
    {
        var description = dialect.Describe(location);
        var connection = dialect.Connect(location);
        try
        {
            connection.Open();
            dialect.Prepare(connection);
            StoreMigrations.Apply(connection, dialect, description, migrateTo);
        }
        catch (DbException e)
        {
            connection.Dispose();
            throw new StoreUnavailableException($"Cannot open the {description}: {SqlServerSignIn.Explain(e)}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new StateStore(description, connection, dialect, clock ?? TimeProvider.System);
    }

    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    private static long _lastEpoch;

    /// <summary>Changes whenever what the store holds may differ from what coupling objects remember of it (a transaction
    /// rolled back), so <see cref="CouplingStore.Save"/> falls back to writing every column. Unique across store
    /// instances, so a coupling read through one never passes for current in another.</summary>
    internal long Epoch { get; private set; } = Interlocked.Increment(ref _lastEpoch);

    internal void ForgetStoredCouplings() => Epoch = Interlocked.Increment(ref _lastEpoch);

    internal DbCommand Command(string sql)
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

    /// <summary>The store transaction in progress, if any.</summary>
    internal DbTransaction? Transaction => _transaction;

    /// <summary>Commands prepared once and reused keep their transaction in step with the store's.</summary>
    internal void Enlist(DbCommand command) => command.Transaction = _transaction;

    public void Dispose()
    {
        Couplings.Dispose();
        Connection.Dispose();
    }
}

public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, Exception inner) : base(message, inner) { }
}
