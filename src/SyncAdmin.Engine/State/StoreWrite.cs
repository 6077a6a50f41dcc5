using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

/// <summary>SQLite: the statement prepared with SQLitePCL on the store's connection, values bound by index. Microsoft.Data.Sqlite
/// binds every parameter by name at each execution (a look-up in the statement per parameter, each call through a
/// SafeHandle) and opens a data reader even for an INSERT; for statements that run once per record that was a large part
/// of a sync's time. Runs in whatever transaction the connection has open; failures surface as <see cref="SqliteException"/>
/// with SQLite's code, as a command's would.</summary>
internal sealed class SqliteStoreWrite : StoreWrite
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly bool _returnsId;

    public SqliteStoreWrite(SqliteConnection connection, string sql, int[] columns, bool returnsId) : base(columns)
    {
        _connection = connection;
        _returnsId = returnsId;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
        if (raw.sqlite3_bind_parameter_count(_statement) != columns.Length)
            throw new ArgumentException($"The statement has {raw.sqlite3_bind_parameter_count(_statement)} parameters, not {columns.Length}.", nameof(columns));
    }

    public override long Execute(object?[] values, DbTransaction? transaction)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            var rc = values[Columns[i]] switch
            {
                null => raw.sqlite3_bind_null(_statement, i + 1),
                string text => raw.sqlite3_bind_text(_statement, i + 1, text),
                long number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                var other => throw new ArgumentException($"A store value is text, a 64-bit integer or null, not {other.GetType().Name}."),
            };
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
        try
        {
            var step = raw.sqlite3_step(_statement);
            long id = 0;
            if (step == raw.SQLITE_ROW && _returnsId)
            {
                id = raw.sqlite3_column_int64(_statement, 0);
                step = raw.sqlite3_step(_statement);
            }
            if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, _connection.Handle);
            return _returnsId ? id : raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public override void Dispose() => _statement.Dispose();
}
