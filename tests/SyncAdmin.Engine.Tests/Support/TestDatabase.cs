using System.Globalization;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Engine.Tests.Support;

/// <summary>A real SQLite file the test reads and edits directly, the way an ERP or CRM user would.</summary>
public sealed class TestDatabase
{
    public TestDatabase(string path, string schema)
    {
        SqliteLibrary.EnsureLoaded();
        Path = path;
        Execute(schema);
    }

    public string Path { get; }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        return connection;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    public long Count(string table, string where = "1=1") => Convert.ToInt64(Scalar($"SELECT count(*) FROM \"{table}\" WHERE {where}"));

    /// <summary>One row as column → value, or null.</summary>
    public Dictionary<string, object?>? Row(string table, string keyColumn, object key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = @k";
        command.Parameters.AddWithValue("@k", key);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }

    public List<Dictionary<string, object?>> Rows(string table, string where = "1=1")
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE {where}";
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public void Insert(string table, params (string Column, object? Value)[] values)
    {
        var columns = string.Join(", ", values.Select(v => $"\"{v.Column}\""));
        var parameters = string.Join(", ", values.Select((_, i) => "@p" + i));
        Execute($"INSERT INTO \"{table}\" ({columns}) VALUES ({parameters})", values.Select((v, i) => ("@p" + i, v.Value)).ToArray());
    }

    /// <summary>Sets columns of one row and stamps its modified-on column with now, as an application would.</summary>
    public void Update(string table, string keyColumn, object key, string modifiedOnColumn, bool epochMilliseconds,
        params (string Column, object? Value)[] values)
    {
        var sets = values.Select((v, i) => $"\"{v.Column}\" = @p{i}").Append($"\"{modifiedOnColumn}\" = @stamp");
        var parameters = values.Select((v, i) => ("@p" + i, v.Value)).Append(("@stamp", Stamp(epochMilliseconds))).Append(("@k", key));
        var changed = Execute($"UPDATE \"{table}\" SET {string.Join(", ", sets)} WHERE \"{keyColumn}\" = @k", parameters.ToArray());
        if (changed != 1) throw new InvalidOperationException($"{table} {key} not found");
    }

    public static object Stamp(bool epochMilliseconds)
    {
        // Tick the clock so two edits in a row never share a millisecond.
        Thread.Sleep(2);
        var now = DateTime.UtcNow;
        return epochMilliseconds
            ? (object)(long)(now - DateTime.UnixEpoch).TotalMilliseconds
            : now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
