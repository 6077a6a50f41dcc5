using System.Globalization;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Demo;

/// <summary>The demo's ERP and CRM: SQLite files created fresh from examples/erp.sql and crm.sql, edited with plain SQL
/// the way each application would.</summary>
public static class SampleDatabases
{
    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "samples");
    public static string MappingFile => Path.Combine(SamplesDirectory, "mappings.yaml");

    /// <summary>Creates erp.db and crm.db in <paramref name="directory"/>, replacing any earlier ones.</summary>
    public static (string Erp, string Crm) Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var erp = Path.Combine(directory, "erp.db");
        var crm = Path.Combine(directory, "crm.db");
        foreach (var file in new[] { erp, crm })
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                File.Delete(file + suffix);
        Execute(erp, File.ReadAllText(Path.Combine(SamplesDirectory, "erp.sql")));
        Execute(crm, File.ReadAllText(Path.Combine(SamplesDirectory, "crm.sql")));
        return (erp, crm);
    }

    public static int Execute(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public static List<Dictionary<string, object?>> Query(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
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

    public static object? Scalar(string database, string sql) => Query(database, sql).FirstOrDefault()?.Values.FirstOrDefault();

    /// <summary>What an application writes into its modified-on column: now, UTC, ISO-8601 with milliseconds.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static SqliteConnection Open(string database)
    {
        SqliteLibrary.EnsureLoaded();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
