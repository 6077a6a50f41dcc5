using System.Data.Common;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Engine.State;

/// <summary>A write statement of the store that runs once per record (a coupling's insert, a page's result updates):
/// prepared once, its values given by position. Each database gets the cheapest way to run it
/// (<see cref="StoreDialect.PrepareWrite"/>).</summary>
internal abstract class StoreWrite : IDisposable
{
    /// <param name="columns">For each parameter, in order of first appearance in the SQL, the index of its value in the
    /// array given to <see cref="Execute"/>.</param>
    protected StoreWrite(int[] columns) => Columns = columns;

    protected int[] Columns { get; }

    /// <summary>Runs the statement with values that are text, 64-bit integers or null. Returns the id the statement
    /// returns (an INSERT … RETURNING / OUTPUT), or else the number of rows changed.</summary>
    public abstract long Execute(object?[] values, DbTransaction? transaction);

    public abstract void Dispose();
}

/// <summary>An ADO.NET command with one named parameter per column.</summary>
internal sealed class CommandStoreWrite : StoreWrite
{
    private readonly DbCommand _command;
    private readonly bool _returnsId;

    public CommandStoreWrite(DbConnection connection, string sql, IReadOnlyList<string> names, int[] columns, bool returnsId) : base(columns)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var name in names) _command.Declare(name);
        _returnsId = returnsId;
    }

    public override long Execute(object?[] values, DbTransaction? transaction)
    {
        _command.Transaction = transaction;
        for (var i = 0; i < Columns.Length; i++) _command.Parameters[i].Value = values[Columns[i]] ?? DBNull.Value;
        return _returnsId ? Convert.ToInt64(_command.ExecuteScalar()) : _command.ExecuteNonQuery();
    }

    public override void Dispose() => _command.Dispose();
}

/// <summary>SQLite: a <see cref="SqliteStatement"/> on the store's connection, values bound by position.</summary>
internal sealed class SqliteStoreWrite : StoreWrite
{
    private readonly SqliteStatement _statement;
    private readonly bool _returnsId;

    public SqliteStoreWrite(SqliteConnection connection, string sql, int[] columns, bool returnsId) : base(columns)
    {
        _returnsId = returnsId;
        _statement = new SqliteStatement(connection, sql);
        var count = _statement.ParameterCount;
        if (count == columns.Length) return;
        _statement.Dispose();
        throw new ArgumentException($"The statement has {count} parameters, not {columns.Length}.", nameof(columns));
    }

    public override long Execute(object?[] values, DbTransaction? transaction)
    {
        for (var i = 0; i < Columns.Length; i++) _statement.Bind(i + 1, values[Columns[i]]);
        var first = _statement.Execute();
        return _returnsId ? (long)first! : _statement.Changes;
    }

    public override void Dispose() => _statement.Dispose();
}
