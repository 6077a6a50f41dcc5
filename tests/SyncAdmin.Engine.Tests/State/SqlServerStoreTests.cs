using Microsoft.Data.SqlClient;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Providers;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.State;

/// <summary>The store on SQL Server, in a database of its own created for the test and dropped afterwards.
/// Runs only where <c>SYNCADMIN_TEST_SQLSERVER</c> names a server whose login may create databases.</summary>
public sealed class SqlServerStoreTests : IDisposable
{
    private readonly string _database = "syncadmin_test_" + Guid.NewGuid().ToString("N")[..12];
    private bool _created;

    private string StoreConnectionString()
    {
        var builder = new SqlConnectionStringBuilder(SqlServerFactAttribute.ConnectionString!);
        if (!_created)
        {
            using var master = new SqlConnection(builder.ConnectionString);
            master.Open();
            using var create = master.CreateCommand();
            create.CommandText = $"CREATE DATABASE [{_database}]";
            create.ExecuteNonQuery();
            _created = true;
        }
        builder.InitialCatalog = _database;
        return builder.ConnectionString;
    }

    [SqlServerFact]
    public void Creates_migrates_and_reopens_the_schema()
    {
        using (var store = StateStore.OpenSqlServer(StoreConnectionString())) Assert.Equal(StoreMigrations.LatestVersion, store.SchemaVersion);
        using (var store = StateStore.OpenSqlServer(StoreConnectionString())) Assert.Equal(StoreMigrations.LatestVersion, store.SchemaVersion);
    }

    [SqlServerFact]
    public void Couplings_errors_jobs_and_leases_work_as_on_sqlite()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var store = StateStore.OpenSqlServer(StoreConnectionString(), clock);
        var coupling = new Coupling { Mapping = "M", LocalKey = "1", IntegrationKey = "a", LocalBase = new FieldValues { ["Name"] = "x" } };
        store.Couplings.Save(coupling);
        Assert.Equal("x", store.Couplings.Find("M", Side.Integration, "a")!.LocalBase!.Value("Name"));
        Assert.Equal((1L, 0L, 0L), store.Couplings.Counts("M"));

        var job = new SyncJob { Mapping = "M", Direction = SyncDirection.ToIntegrationTable };
        store.Jobs.Start(job);
        store.Jobs.Finish(job, JobStatus.Succeeded);
        store.Errors.Add(new SyncError { Mapping = "M", JobId = job.Id, Message = "old", CreatedAt = clock.Now.UtcDateTime.AddDays(-8) });
        store.Errors.Add(new SyncError { Mapping = "M", JobId = job.Id, Message = "new", CreatedAt = clock.Now.UtcDateTime });
        Assert.Equal("new", store.Errors.Query(new ErrorQuery { Newest = 1 }).Single().Message);
        Assert.Equal(1, store.Errors.PurgeOlderThan(clock.Now.UtcDateTime.AddDays(-7)));

        store.Leases.Acquire("M", "worker-1", TimeSpan.FromMinutes(5));
        Assert.Throws<LeaseHeldException>(() => store.Leases.Acquire("M", "worker-2", TimeSpan.FromMinutes(5)));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("worker-2", store.Leases.Acquire("M", "worker-2", TimeSpan.FromMinutes(5)).Owner);
    }

    [SqlServerFact]
    public void A_sync_runs_with_its_state_on_sql_server()
    {
        using var scenario = new SyncScenario();
        scenario.AddCustomer("10000", "Adatum");
        using var engine = SyncEngine.OpenSqlServer(StoreConnectionString());
        engine.ImportMappings(scenario.MappingFile);

        var jobs = engine.Run(new SyncAdmin.Engine.Sync.RunRequest()).ToList();

        Assert.Equal(1, jobs.Single(j => j.Mapping == "CUSTOMER" && j.Direction == SyncDirection.ToIntegrationTable).Inserted);
        Assert.Single(engine.Couplings.List("CUSTOMER"));
    }

    public void Dispose()
    {
        if (!_created) return;
        SqlConnection.ClearAllPools();
        using var master = new SqlConnection(SqlServerFactAttribute.ConnectionString!);
        master.Open();
        using var drop = master.CreateCommand();
        drop.CommandText = $"ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_database}]";
        drop.ExecuteNonQuery();
    }
}
