using System.Diagnostics;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>Opening connections: placeholders, credentials, and error messages that name the connection but never the password.</summary>
public class DatabaseConnectionsTests
{
    private const string Secret = "Sup3r-Secret-Pa55";

    [Fact]
    public void Placeholders_are_resolved_when_the_connection_opens()
    {
        using var db = new SqliteDatabase("CREATE TABLE Customer (No TEXT PRIMARY KEY)");
        var definition = db.Definition with { ConnectionString = "Data Source=${env:SYNCADMIN_ERP_PATH}" };

        using var connection = DatabaseConnections.Open(definition, environment: name => name == "SYNCADMIN_ERP_PATH" ? db.Path : null);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";

        Assert.Equal(db.Path, connection.DataSource);
        Assert.Equal((long)DatabaseConnections.SqliteBusyTimeoutMilliseconds, command.ExecuteScalar());
    }

    [Fact]
    public void A_missing_environment_variable_names_the_variable_and_the_connection()
    {
        var definition = new ConnectionDefinition { Name = "crm", Provider = ProviderKind.SqlServer, ConnectionString = "Server=x;Password=${env:SYNCADMIN_NOT_SET}" };

        var error = Assert.Throws<ConfigurationException>(() => DatabaseConnections.Open(definition, environment: _ => null));

        Assert.Contains("'crm'", error.Message);
        Assert.Contains("'SYNCADMIN_NOT_SET'", error.Message);
    }

    [Fact]
    public void A_missing_sqlite_file_is_an_error_not_a_new_empty_database()
    {
        var path = Path.Combine(Path.GetTempPath(), "syncadmin-missing-" + Guid.NewGuid().ToString("N") + ".db");
        var definition = new ConnectionDefinition { Name = "erp", ConnectionString = $"Data Source={path}" };

        var error = Assert.Throws<DatabaseConnectionException>(() => DatabaseConnections.Open(definition));

        Assert.Equal("erp", error.ConnectionName);
        Assert.Contains("'erp'", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void The_password_never_appears_in_an_open_error()
    {
        // Port 1 on the loopback refuses at once: the open fails fast without any server.
        var definition = new ConnectionDefinition
        {
            Name = "crm", Provider = ProviderKind.SqlServer,
            ConnectionString = "Server=tcp:127.0.0.1,1;Database=CRM;User ID=sync;Password=${env:CRM_PASSWORD};Connect Timeout=3;Encrypt=False",
        };
        var watch = Stopwatch.StartNew();

        var fromEnvironment = Assert.Throws<DatabaseConnectionException>(() =>
            DatabaseConnections.Open(definition, environment: _ => Secret));
        var fromCredential = Assert.Throws<DatabaseConnectionException>(() =>
            DatabaseConnections.Open(definition, new DatabaseCredential("admin", Secret + "2"), _ => "other-password"));
        var malformed = Assert.Throws<DatabaseConnectionException>(() =>
            DatabaseConnections.Open(definition with { ConnectionString = $"Server=x;Password={Secret};Bogus Keyword=1" }));

        foreach (var error in new[] { fromEnvironment, fromCredential, malformed })
        {
            Assert.Contains("'crm'", error.Message);
            Assert.DoesNotContain(Secret, error.ToString());
        }
        Assert.DoesNotContain("other-password", fromCredential.ToString());
        Assert.DoesNotContain(Secret, new DatabaseCredential("admin", Secret).ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_sqlite_connection_takes_no_credential()
    {
        using var db = new SqliteDatabase();

        var error = Assert.Throws<ConfigurationException>(() => DatabaseConnections.Open(db.Definition, new DatabaseCredential("u", "p")));

        Assert.Contains("'erp'", error.Message);
    }

    [Fact]
    public void Open_table_reads_the_schema_and_needs_an_open_connection()
    {
        using var db = new SqliteDatabase("CREATE TABLE Customer (No TEXT PRIMARY KEY, Name TEXT)");
        var definition = new TableDefinition { Connection = "erp", Name = "Customer", Key = "No" };
        using var connection = db.Open();

        using (var table = DatabaseConnections.OpenTable(connection, ProviderKind.Sqlite, definition, new[] { "Name" }))
            Assert.Equal(new[] { "No", "Name" }, table.Schema.Columns.Select(c => c.Name));

        Assert.Equal(System.Data.ConnectionState.Open, connection.State); // the table leaves the connection to its owner
        connection.Close();
        Assert.Throws<InvalidOperationException>(() => DatabaseConnections.OpenTable(connection, ProviderKind.Sqlite, definition, new[] { "Name" }));
    }
}
