using Microsoft.Data.SqlClient;
using SyncAdmin.Parameters;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Parameters;

/// <summary>A fact that runs only when SYNCADMIN_TEST_SQLSERVER holds a connection string (as the engine's SQL Server
/// tests), and otherwise shows as skipped with the reason.</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "SYNCADMIN_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) Skip = $"No SQL Server: set {Variable} to a connection string to run this test.";
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}

/// <summary>Connect-SyncStore -Provider SqlServer's path: a store in a database created for the test and dropped after.</summary>
public sealed class SqlServerStoreTests : IDisposable
{
    private readonly string _database = "syncadmin_module_" + Guid.NewGuid().ToString("N")[..12];
    private bool _created;

    private string CreateDatabase()
    {
        var builder = new SqlConnectionStringBuilder(SqlServerFactAttribute.ConnectionString!);
        using (var master = new SqlConnection(builder.ConnectionString))
        {
            master.Open();
            using var create = master.CreateCommand();
            create.CommandText = $"CREATE DATABASE [{_database}]";
            create.ExecuteNonQuery();
        }
        _created = true;
        builder.InitialCatalog = _database;
        return builder.ConnectionString;
    }

    [SqlServerFact]
    public void A_store_on_SQL_Server_imports_and_runs_the_sample_mappings()
    {
        using var sample = new SampleStore(openEngine: false);
        var location = StoreLocation.FromEnvironment(CreateDatabase());
        Assert.Equal(StoreProvider.SqlServer, location.Provider);
        using var engine = location.Open(null, create: true);
        engine.ImportMappings(sample.MappingFile);
        var jobs = engine.Run(new SyncAdmin.Engine.Sync.RunRequest()).ToList();
        Assert.Equal(5, jobs.Sum(j => j.Inserted));
    }

    public void Dispose()
    {
        if (!_created) return;
        SqlConnection.ClearAllPools();
        using var master = new SqlConnection(SqlServerFactAttribute.ConnectionString);
        master.Open();
        using var drop = master.CreateCommand();
        drop.CommandText = $"ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_database}]";
        drop.ExecuteNonQuery();
    }
}
