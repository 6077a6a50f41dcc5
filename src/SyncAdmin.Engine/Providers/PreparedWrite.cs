using System.Data.Common;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Providers.Sqlite;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Providers;

/// <summary>A write run once per record — a table's insert or update, a store's coupling write — prepared once and run
/// again and again with new values. Parameters are numbered in the order they were declared
/// (<see cref="SqlDialect.PrepareWrite"/>, <see cref="State.StoreDialect.PrepareWrite"/>); values are stored forms
/// (<see cref="ColumnStorage.ToParameterValue"/>), null or <see cref="DBNull"/> for NULL.</summary>
internal abstract class PreparedWrite : IDisposable
{
    public abstract void Set(int parameter, object? value);

    /// <summary>Runs the statement in <paramref name="transaction"/>; returns the number of rows changed.</summary>
    public abstract int Run(DbTransaction? transaction);

    /// <summary>Runs the statement in <paramref name="transaction"/>; returns its first value (a returned key) or null.</summary>
    public abstract object? RunForValue(DbTransaction? transaction);

    public abstract void Dispose();
}

/// <summary>An ADO.NET command with named parameters, typed like their column where a storage is given.</summary>
internal sealed class CommandWrite : PreparedWrite
{
    private readonly DbCommand _command;

    /// <param name="storages">Each parameter's column storage, or null for untyped parameters (the store's).</param>
    public CommandWrite(DbConnection connection, string sql, IReadOnlyList<string> names, IReadOnlyList<ColumnStorage>? storages)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        for (var i = 0; i < names.Count; i++)
            if (storages is null) _command.Declare(names[i]);
            else DbRecordTable.AddParameter(_command, names[i], storages[i]);
    }

    public void Prepare(DbTransaction transaction)
    {
        _command.Transaction = transaction;
        _command.Prepare();
    }

    public override void Set(int parameter, object? value) => _command.Parameters[parameter].Value = value ?? DBNull.Value;

    public override int Run(DbTransaction? transaction)
    {
        _command.Transaction = transaction;
        return _command.ExecuteNonQuery();
    }

    public override object? RunForValue(DbTransaction? transaction)
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

    /// <param name="names">Every parameter of <paramref name="sql"/>, once each.</param>
    public SqliteWrite(SqliteConnection connection, string sql, IReadOnlyList<string> names)
    {
        _statement = new SqliteStatement(connection, sql);
        try
        {
            if (_statement.ParameterCount != names.Count)
                throw new ArgumentException($"The statement has {_statement.ParameterCount} parameters, not {names.Count}.", nameof(names));
            _positions = names.Select(_statement.IndexOf).ToArray();
        }
        catch
        {
            _statement.Dispose();
            throw;
        }
    }

    public override void Set(int parameter, object? value) => _statement.Bind(_positions[parameter], value);

    public override int Run(DbTransaction? transaction)
    {
        _statement.Execute();
        return _statement.Changes;
    }

    public override object? RunForValue(DbTransaction? transaction) => _statement.Execute();

    public override void Dispose() => _statement.Dispose();
}
