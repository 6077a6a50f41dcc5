using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SyncAdmin.Engine.State;

/// <summary>A write statement of the store, prepared once on the store's connection and executed with its values bound by
/// position. Microsoft.Data.Sqlite binds every parameter by name at each execution (a name look-up in the statement per
/// parameter, each call through a SafeHandle) and opens a data reader even for an INSERT; for the statements that run once
/// per record and column that was a large part of a sync's time. Runs in whatever transaction the connection has open.</summary>
internal sealed class StoreStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _columns;

    /// <param name="sql">The statement, with one <c>?</c> per entry of <paramref name="columns"/>, in that order.</param>
    /// <param name="columns">For each placeholder, the index of its value in the array given to <see cref="Execute"/>.</param>
    public StoreStatement(SqliteConnection connection, string sql, int[] columns)
    {
        _connection = connection;
        _columns = columns;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }

    /// <summary>Binds the values (strings, 64-bit integers or null), runs the statement, and returns the number of rows it
    /// changed. A failure throws <see cref="SqliteException"/> with SQLite's code, as a command would.</summary>
    public int Execute(object?[] values)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var rc = values[_columns[i]] switch
            {
                null => raw.sqlite3_bind_null(_statement, i + 1),
                string text => raw.sqlite3_bind_text(_statement, i + 1, text),
                long number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                var other => throw new ArgumentException($"A store value is text, a 64-bit integer or null, not {other.GetType().Name}."),
            };
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
        var step = raw.sqlite3_step(_statement);
        try
        {
            if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, _connection.Handle);
            return raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();
}
