using System.Data.Common;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.State;

/// <summary>What differs between the databases that can hold the store: how it connects, its schema steps, and the few
/// statements SQLite and SQL Server spell differently. Everything else the store sends is common SQL.</summary>
public abstract class StoreDialect
{
    public abstract string Name { get; }

    /// <summary>The schema, as ordered migrations (version N = the first N steps).</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    public abstract DbConnection Connect(string location);

    /// <summary>Run once on a freshly opened connection (journal mode, timeouts).</summary>
    public virtual void Prepare(DbConnection connection) { }

    /// <summary>Makes the next commits durable before they return (true), or back to the store's usual setting. A
    /// database that always commits durably (SQL Server) has nothing to change.</summary>
    public virtual void SetDurable(DbConnection connection, bool durable) { }

    public abstract string VersionTableExists { get; }

    /// <summary>An INSERT that returns the new row's id.</summary>
    public abstract string InsertReturningId(string table, IReadOnlyList<string> columns);

    /// <summary>Appended after ORDER BY to keep only the first <paramref name="count"/> rows.</summary>
    public abstract string Limit(int count);

    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Whether batches of keys go as one JSON array parameter (<see cref="Providers.KeyList"/>) rather than a
    /// parameter each.</summary>
    public virtual bool TakesKeyLists => false;

    /// <summary>How the store names itself in messages (never a password).</summary>
    public abstract string Describe(string location);

    /// <summary>A write the store runs once per record: <paramref name="names"/> are its parameters in order of first
    /// appearance; <paramref name="columns"/> says where each one's value is in the array given to it.</summary>
    internal virtual StoreWrite PrepareWrite(DbConnection connection, string sql, IReadOnlyList<string> names, int[] columns, bool returnsId) =>
        new(new CommandWrite(connection, sql, names, storages: null), columns, returnsId);

    protected static string Values(IReadOnlyList<string> columns) => string.Join(", ", columns.Select(c => "@" + c));
}
