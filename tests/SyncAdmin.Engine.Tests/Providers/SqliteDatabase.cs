using System.Data.Common;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>A real SQLite file in its own temp directory, deleted with everything opened on it.</summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _directory;
    private readonly List<IDisposable> _opened = new();

    public SqliteDatabase(string setupSql = "")
    {
        SqliteLibrary.EnsureLoaded();
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "syncadmin-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "erp.db");
        using var create = new SqliteConnection($"Data Source={Path};Mode=ReadWriteCreate;Pooling=False");
        create.Open();
        if (setupSql.Length > 0) Run(create, setupSql);
    }

    public string Path { get; }

    public ConnectionDefinition Definition => new() { Name = "erp", Provider = ProviderKind.Sqlite, ConnectionString = $"Data Source={Path}" };

    public DbConnection Open() => Track(DatabaseConnections.Open(Definition));

    public IRecordTable OpenTable(TableDefinition table, params string[] columns) =>
        Track(DatabaseConnections.OpenTable(Open(), ProviderKind.Sqlite, table, columns));

    /// <summary>A table that stamps modified-on with <paramref name="now"/>.</summary>
    public DbRecordTable OpenTable(TableDefinition table, DateTime now, params string[] columns)
    {
        var connection = Open();
        var schema = SqliteDialect.Instance.ReadSchema(connection, table.Name, table.Connection);
        return Track(new DbRecordTable(connection, SqliteDialect.Instance, table, schema, columns, new FixedClock(now)));
    }

    /// <summary>Runs SQL on a fresh connection, e.g. to check what really is stored.</summary>
    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        Run(connection, sql, parameters);
    }

    public object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Inserts many rows in one transaction; <paramref name="row"/> gives the parameter values of row i.</summary>
    public void InsertMany(string sql, int count, Func<int, (string Name, object? Value)[]> row)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in row(i)) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public void Dispose()
    {
        for (var i = _opened.Count - 1; i >= 0; i--) _opened[i].Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is not worth failing a test for
        }
    }

    private T Track<T>(T item) where T : IDisposable
    {
        _opened.Add(item);
        return item;
    }

    private static void Run(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}

internal sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedClock(DateTime utc) => _now = new DateTimeOffset(utc, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;
}
