using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SyncAdmin.Engine.Providers.Sqlite;

/// <summary>A statement prepared with SQLitePCL on a Microsoft.Data.Sqlite connection, for writes that run once per record.
/// Microsoft.Data.Sqlite binds every parameter by name at each execution (a look-up in the statement and a binder object
/// per parameter) and opens a data reader even for an INSERT; that was a large share of a sync's time. Here parameter
/// names are resolved once and values bound by position. The statement runs in whatever transaction the connection has
/// open; failures surface as <see cref="SqliteException"/> with SQLite's code and message, as a command's would.</summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }

    public int ParameterCount => raw.sqlite3_bind_parameter_count(_statement);

    /// <summary>The position (from 1) of a named parameter, e.g. <c>@v0</c>.</summary>
    public int IndexOf(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    /// <summary>Binds a stored value: text, a 64-bit integer, a real, a blob, or null (<see cref="DBNull"/> too).</summary>
    public void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => raw.sqlite3_bind_text(_statement, index, text),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            double real => raw.sqlite3_bind_double(_statement, index, real),
            byte[] blob => raw.sqlite3_bind_blob(_statement, index, blob),
            var other => throw new ArgumentException($"A stored value is text, an integer, a real, a blob or null, not {other.GetType().Name}."),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
    }

    /// <summary>Runs the statement to its end and returns the first value of its first row (a RETURNING clause), or null.</summary>
    public object? Execute()
    {
        try
        {
            var step = raw.sqlite3_step(_statement);
            object? first = null;
            if (step == raw.SQLITE_ROW)
            {
                first = Value(0);
                while (step == raw.SQLITE_ROW) step = raw.sqlite3_step(_statement);
            }
            if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, _connection.Handle);
            return first;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Rows changed by the last <see cref="Execute"/>.</summary>
    public int Changes => raw.sqlite3_changes(_connection.Handle);

    private object? Value(int column) => raw.sqlite3_column_type(_statement, column) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, column),
        raw.SQLITE_TEXT => raw.sqlite3_column_text(_statement, column).utf8_to_string(),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(_statement, column).ToArray(),
        _ => null,
    };

    public void Dispose() => _statement.Dispose();
}
