using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

/// <summary>A process killed at any point of a page leaves, after a rerun, exactly one counterpart per record and no lost update.</summary>
public class CrashSafetyTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;

    [Theory]
    [InlineData("intent-recorded")]
    [InlineData("destination-committed")]
    [InlineData("results-recorded")]
    public void Inserts_interrupted_at_any_point_leave_one_counterpart_per_record_after_a_rerun(string point)
    {
        using var s = new SyncScenario("batchSize: 3");
        for (var i = 0; i < 7; i++) s.AddCustomer($"1000{i}", "C" + i);

        s.CrashAt(point, page: 2);
        var jobs = s.Run();

        Assert.Equal(7, s.Crm.Count("account"));
        Assert.Equal(7, s.Crm.Rows("account").Select(r => r["accountnumber"]).Distinct().Count());
        Assert.Equal(7, s.Engine.Couplings.List("CUSTOMER").Count());
        Assert.All(s.Engine.Couplings.List("CUSTOMER"), c => Assert.Null(c.Pending));
        Assert.Equal(0, jobs.Sum(j => j.Failed));
    }

    [Fact]
    public void An_update_applied_but_not_recorded_converges_without_a_conflict()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();
        s.EditCustomer("10000", ("Name", "After crash"));

        s.CrashAt("destination-committed");
        Assert.Equal("After crash", s.Account("10000")!["name"]);
        var jobs = s.Run();

        Assert.Equal(0, jobs.Sum(j => j.Failed));
        Assert.False(s.Engine.Couplings.List("CUSTOMER").Single().Skipped);
        // Later edits on either side still flow.
        s.EditAccount(s.AccountId("10000"), ("name", "CRM later"));
        s.Run();
        Assert.Equal("CRM later", s.Customer("10000")!["Name"]);
    }

    [Fact]
    public void An_update_recorded_as_intent_but_never_written_is_not_lost()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();
        s.EditCustomer("10000", ("Name", "Must arrive"));

        s.CrashAt("intent-recorded");
        Assert.Equal("Adatum", s.Account("10000")!["name"]);
        s.Run();

        Assert.Equal("Must arrive", s.Account("10000")!["name"]);
    }

    [Fact]
    public void A_server_keyed_destination_is_recovered_through_matchOn()
    {
        const string crm = """
            CREATE TABLE account(accountid INTEGER PRIMARY KEY, accountnumber TEXT, name TEXT, emailaddress1 TEXT, telephone1 TEXT,
                                 transactioncurrencyid TEXT, creditlimit REAL, customertypecode INTEGER, statecode INTEGER NOT NULL DEFAULT 0,
                                 modifiedon TEXT);
            CREATE TABLE transactioncurrency(transactioncurrencyid TEXT PRIMARY KEY, isocurrencycode TEXT, currencyname TEXT, modifiedon INTEGER);
            """;
        using var s = new SyncScenario("matchOn: [{ field: No, integrationField: accountnumber }]", crmSchema: crm);
        for (var i = 0; i < 4; i++) s.AddCustomer($"1000{i}", "C" + i);

        s.CrashAt("destination-committed");
        s.Run();

        Assert.Equal(4, s.Crm.Count("account"));
        Assert.All(s.Engine.Couplings.List("CUSTOMER"), c => Assert.True(long.TryParse(c.IntegrationKey, out _)));
        Assert.Equal(4, s.Engine.Couplings.List("CUSTOMER").Count());
    }

    [Fact]
    public void A_second_run_of_the_same_mapping_fails_fast_naming_the_holder()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        var lease = s.Engine.Store.Leases.Acquire("CUSTOMER", "runbook-worker-7 (process 42)", TimeSpan.FromMinutes(5));

        var jobs = s.Run(new RunRequest { Mappings = new[] { "CUSTOMER" } });

        var job = Assert.Single(jobs);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("runbook-worker-7 (process 42)", job.Message);
        Assert.Equal(0, s.Crm.Count("account"));
        s.Engine.Store.Leases.Release(lease);
        Assert.Equal(1, SyncScenario.Job(s.Run(new RunRequest { Mappings = new[] { "CUSTOMER" } }), "CUSTOMER", To).Inserted);
    }

    [Fact]
    public void A_run_started_by_another_process_while_one_is_in_progress_is_refused()
    {
        using var s = new SyncScenario("batchSize: 2");
        for (var i = 0; i < 4; i++) s.AddCustomer($"1000{i}", "C" + i);
        SyncJob? second = null;
        var first = new SyncRunner(s.Engine.Store, () => new DatabaseTableOpener(s.Engine.Store.Mappings, null))
        {
            Owner = "worker-A",
            Checkpoint = point =>
            {
                if (point != "results-recorded" || second is not null) return;
                // A second worker with its own connection to the shared store tries the same mapping mid-run.
                using var other = SyncEngine.Open(s.StorePath);
                second = other.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).Single();
            },
        };

        var job = first.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).Single();

        Assert.Equal((JobStatus.Succeeded, 4), (job.Status, job.Inserted));
        Assert.Equal(JobStatus.Failed, second!.Status);
        Assert.Contains("worker-A", second.Message);
        Assert.Equal(4, s.Crm.Count("account"));
    }

    [Fact]
    public void Different_mappings_run_while_another_is_leased()
    {
        using var s = new SyncScenario();
        s.AddCurrency("EUR", "Euro");
        s.Engine.Store.Leases.Acquire("CUSTOMER", "someone else", TimeSpan.FromMinutes(5));

        var jobs = s.Run();

        Assert.Equal(1, SyncScenario.Job(jobs, "CURRENCY", To).Inserted);
        Assert.Equal(JobStatus.Failed, jobs.Single(j => j.Mapping == "CUSTOMER").Status);
    }
}
