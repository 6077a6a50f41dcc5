using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Tests.Providers;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

/// <summary>Test-SyncSetup's checks end to end on the SQL Server in <c>SYNCADMIN_TEST_SQLSERVER</c>: the account,
/// password policy and permission checks that only SQL Server has, beside the probes every database gets.</summary>
public sealed class SqlServerSetupCheckTests : IDisposable
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly TempDirectory _directory = new();
    private readonly List<string> _tables = new();

    private static ConnectionDefinition Definition => new()
    {
        Name = "sql", Provider = ProviderKind.SqlServer, ConnectionString = SqlServerFactAttribute.ConnectionString!,
    };

    private string Create(string name, string columns)
    {
        _tables.Add($"[dbo].[{name} {_suffix}]");
        Execute($"CREATE TABLE [dbo].[{name} {_suffix}] ({columns})");
        return $"dbo.{name} {_suffix}";
    }

    private static void Execute(string sql)
    {
        using var connection = DatabaseConnections.Open(Definition);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [SqlServerFact]
    public void The_login_its_password_policy_and_its_permissions_are_checked_and_writes_are_probed_without_a_trace()
    {
        var customer = Create("Customer", "No nvarchar(20) NOT NULL PRIMARY KEY, Name nvarchar(100) NULL, ModifiedOn datetime2(3) NULL");
        var account = Create("Account", "Id uniqueidentifier NOT NULL PRIMARY KEY, Number nvarchar(20) NULL, Name nvarchar(100) NULL, ModifiedOn datetime2(3) NULL");
        Execute($"INSERT INTO [dbo].[Customer {_suffix}] (No, Name, ModifiedOn) VALUES ('10000', 'Adatum', SYSUTCDATETIME())");
        var file = _directory.File("mappings.yaml");
        File.WriteAllText(file, $"""
            connections:
              sql: {"{"} provider: sqlserver, connectionString: '{SqlServerFactAttribute.ConnectionString!.Replace("'", "''")}' {"}"}
            mappings:
              - name: CUSTOMER
                table:            {"{"} connection: sql, name: '{customer}', key: No, modifiedOn: ModifiedOn {"}"}
                integrationTable: {"{"} connection: sql, name: '{account}', key: Id, modifiedOn: ModifiedOn {"}"}
                direction: ToIntegrationTable
                fields:
                  - {"{"} field: No, integrationField: Number {"}"}
                  - {"{"} field: Name, integrationField: Name {"}"}
            """);
        using var engine = SyncEngine.Open(_directory.File("store.db"));
        engine.ImportMappings(file);

        var results = engine.Setup.Run().ToList();

        Assert.DoesNotContain(results, r => r.Status == SetupCheckStatus.Failed && r.Check != SetupCheckKind.Password);
        Assert.Equal(2, results.Count(r => r.Check == SetupCheckKind.Account));
        Assert.Equal(2, results.Count(r => r.Check == SetupCheckKind.Password));
        Assert.All(results.Where(r => r.Check == SetupCheckKind.Permission), r => Assert.Equal(SetupCheckStatus.Passed, r.Status));
        Assert.Equal(new[] { account }, results.Where(r => r.Check == SetupCheckKind.Write).Select(r => r.Table));
        Assert.Equal(SetupCheckStatus.Passed, results.Single(r => r.Check == SetupCheckKind.Write).Status);
        Assert.Equal(SetupCheckStatus.Passed, results.Single(r => r.Check == SetupCheckKind.Schema).Status);
        Assert.DoesNotContain(results, r => r.Check == SetupCheckKind.File);
        using var connection = DatabaseConnections.Open(Definition);
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM [dbo].[Account {_suffix}]";
        Assert.Equal(0, Convert.ToInt32(count.ExecuteScalar()));
    }

    public void Dispose()
    {
        foreach (var table in _tables)
        {
            try { Execute($"DROP TABLE {table}"); }
            catch (Exception e) when (e is System.Data.Common.DbException or DatabaseConnectionException) { } // best effort: a leftover has a unique name
        }
        _directory.Dispose();
    }
}
