using System.Data.Common;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Engine.Providers;

/// <summary>An insert or update of a table, prepared once and run record after record with new values. Parameters are
/// numbered in the order they were declared (<see cref="SqlDialect.PrepareWrite"/>); values are stored forms
/// (<see cref="ColumnStorage.ToParameterValue"/>).</summary>
internal abstract class PreparedWrite : IDisposable
{
    public abstract void Set(int parameter, object value);

    /// <summary>Runs the statement in <paramref name="transaction"/>; returns the number of rows changed.</summary>
    public abstract int Run(DbTransaction transaction);

    /// <summary>Runs the statement in <paramref name="transaction"/>; returns its first value (a returned key) or null.</summary>
    public abstract object? RunForValue(DbTransaction transaction);

    public abstract void Dispose();
}

/// <summary>An ADO.NET command with typed, named parameters.</summary>
internal sealed class CommandWrite : PreparedWrite
{
    private readonly DbCommand _command;

    public CommandWrite(DbConnection connection, string sql, IReadOnlyList<(string Name, ColumnStorage Storage)> parameters)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var (name, storage) in parameters) DbRecordTable.AddParameter(_command, name, storage);
    }

    public void Prepare(DbTransaction transaction)
    {
        _command.Transaction = transaction;
        _command.Prepare();
    }

    public override void Set(int parameter, object value) => _command.Parameters[parameter].Value = value;

    public override int Run(DbTransaction transaction)
    {
        _command.Transaction = transaction;
        return _command.ExecuteNonQuery();
    }

    public override object? RunForValue(DbTransaction transaction)
    {
        _command.Transaction = transaction;
        var value = _command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public override void Dispose() => _command.Dispose();
}

/// <summary>SQLite: a <see cref="SqliteStatement"/>, each parameter's position resolved once.</summary>
internal sealed class SqliteWrite : PreparedWrite
{
    private readonly SqliteStatement _statement;
    private readonly int[] _positions;

    public SqliteWrite(SqliteConnection connection, string sql, IReadOnlyList<(string Name, ColumnStorage Storage)> parameters)
    {
        _statement = new SqliteStatement(connection, sql);
        try
        {
            _positions = parameters.Select(p => _statement.IndexOf(p.Name)).ToArray();
        }
        catch
        {
            _statement.Dispose();
            throw;
        }
    }

    public override void Set(int parameter, object value) => _statement.Bind(_positions[parameter], value);

    public override int Run(DbTransaction transaction)
    {
        _statement.Execute();
        return _statement.Changes;
    }

    public override object? RunForValue(DbTransaction transaction) => _statement.Execute();

    public override void Dispose() => _statement.Dispose();
}
