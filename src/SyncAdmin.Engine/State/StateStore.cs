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
    /// <summary>Opens the SQLite store at <paramref name="path"/>; creates it (and its folder) only when <paramref name="create"/>:
    /// a store that should be there and is not must not silently become a new, empty one.</summary>
    public static StateStore Open(string path, TimeProvider? clock = null, bool create = true)
    {
        if (!create && !File.Exists(path))
            throw new StoreUnavailableException($"There is no sync store at '{Path.GetFullPath(path)}'. Creating one is done on purpose: " +
                                                "Connect-SyncStore -Path <file> -Create.", new FileNotFoundException(path));
        return Open(SqliteStoreDialect.Instance, path, clock, migrateTo: null);
    }

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
        return new StateStore(description, connection, dialect, clock ?? TimeProvider.System)
        {
            FilePath = dialect is SqliteStoreDialect ? Path.GetFullPath(location) : null,
        };
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
        EnsureStillThere();
        try
        {
            _transaction = Connection.BeginTransaction();
        }
        catch (DbException e)
        {
            throw Failure(e);
        }
        var committed = false;
        try
        {
            var result = work();
            _transaction.Commit();
            committed = true;
            return result;
        }
        catch (DbException e) when (!Dialect.IsUniqueViolation(e))
        {
            throw Failure(e);
        }
        finally
        {
            if (!committed) ForgetStoredCouplings();
            try
            {
                _transaction.Dispose();
            }
            catch (DbException)
            {
                // After a failed commit the database has already rolled back (SQLite on a full disk): "cannot rollback -
                // no transaction is active" would only hide the failure that matters.
            }
            _transaction = null;
        }
    }

    /// <summary>A store failure (full disk, read-only or vanished file, lost connection), naming the store and the cause.</summary>
    private StoreUnavailableException Failure(DbException cause) => new($"The {Description} failed: {cause.Message}", cause);

    /// <summary>A SQLite store whose file was deleted while it is open keeps working on a file nobody will ever see again;
    /// a job must stop instead of reporting Succeeded.</summary>
    /// <exception cref="StoreUnavailableException">The store's file is gone.</exception>
    public void EnsureStillThere()
    {
        if (FilePath is { } path && !File.Exists(path))
            throw new StoreUnavailableException(
                $"The {Description} was deleted while SyncAdmin was using it; nothing more is written. Restore it from a backup " +
                "(or, to start over knowingly, Connect-SyncStore -Create).", new FileNotFoundException(path));
    }

    /// <summary>The SQLite store's file; null on SQL Server.</summary>
    public string? FilePath { get; private init; }

    public void InTransaction(Action work) => InTransaction(() => { work(); return 0; });

    /// <summary>Runs <paramref name="work"/> in one store transaction whose commit is on disk when it returns, even after a
    /// power loss: what a destination write relies on (its intent) must not vanish while the write stays.</summary>
    public void InDurableTransaction(Action work)
    {
        if (_transaction is not null) throw new InvalidOperationException("A durable transaction cannot be nested in another.");
        Dialect.SetDurable(Connection, true);
        try
        {
            InTransaction(work);
        }
        finally
        {
            Dialect.SetDurable(Connection, false);
        }
    }

    /// <summary>The SQLite setting a commit gets now (tests check that intents are committed durably).</summary>
    internal string? SynchronousSetting()
    {
        if (Dialect is not SqliteStoreDialect) return null;
        using var command = Command("PRAGMA synchronous");
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

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
