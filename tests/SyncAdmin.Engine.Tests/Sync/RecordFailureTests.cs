using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

public class RecordFailureTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;

    [Fact]
    public void A_lookup_without_coupling_fails_the_record_only()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum", currency: "GBP");
        s.AddCustomer("20000", "Trey");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((1, 1), (job.Inserted, job.Failed));
        var error = s.Engine.GetErrors(new ErrorQuery { JobId = job.Id }).Single();
        Assert.Contains("CurrencyCode 'GBP' must be coupled to a record in mapping CURRENCY", error.Message);
        Assert.Null(s.Account("10000"));
    }

    [Fact]
    public void A_failed_insert_is_retried_on_the_next_run_even_after_the_watermark_passed_it()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum", currency: "GBP");
        s.Run();
        Assert.NotNull(s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);

        // The currency appears later; the customer itself is not edited again.
        s.AddCurrency("GBP", "Pound");
        var jobs = s.Run();

        Assert.Equal(1, SyncScenario.Job(jobs, "CUSTOMER", To).Inserted);
        Assert.NotNull(s.Account("10000"));
    }

    [Fact]
    public void ClearValueOnFailedSync_writes_null_instead_of_failing()
    {
        using var s = new SyncScenario(lookupOptions: "clearValueOnFailedSync: true");
        s.AddCustomer("10000", "Adatum", currency: "GBP");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((1, 0), (job.Inserted, job.Failed));
        Assert.Null(s.Account("10000")!["transactioncurrencyid"]);
    }

    [Fact]
    public void A_value_that_cannot_convert_is_logged_and_the_rest_of_the_page_goes_on()
    {
        using var s = new SyncScenario();
        for (var i = 0; i < 5; i++) s.AddCustomer($"1000{i}", "C" + i);
        s.Erp.Execute("UPDATE Customer SET CreditLimit = 'lots' WHERE No = '10002'");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((4, 1), (job.Inserted, job.Failed));
        var error = s.Engine.GetErrors(new ErrorQuery()).Single();
        Assert.Equal("10002", error.SourceKey);
        Assert.Contains("CreditLimit", error.Message);
    }

    [Fact]
    public void A_destination_constraint_violation_fails_that_record_alone()
    {
        using var s = new SyncScenario(crmSchema: SyncScenario.CrmSchema.Replace("emailaddress1 TEXT,", "emailaddress1 TEXT UNIQUE,"));
        s.AddCustomer("10000", "A", email: "same@example.com");
        s.AddCustomer("20000", "B", email: "same@example.com");
        s.AddCustomer("30000", "C");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((2, 1), (job.Inserted, job.Failed));
        Assert.Equal(2, s.Crm.Count("account"));
        Assert.Single(s.Engine.GetErrors(new ErrorQuery()));
        // The failed record stays a failed insert and is retried next time (and fails the same way → skipped).
        s.Run();
        Assert.Single(s.Engine.Skipped.List());
    }

    [Fact]
    public void Sync_only_coupled_records_ignores_new_ones()
    {
        using var s = new SyncScenario("syncOnlyCoupledRecords: true");
        s.AddCustomer("10000", "Adatum");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal(0, job.Inserted + job.Failed + job.Unchanged);
        Assert.Equal(0, s.Crm.Count("account"));
    }

    [Fact]
    public void A_lost_connection_ends_the_job_failed_and_leaves_the_watermark_safe()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();
        var watermark = s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark;
        s.EditCustomer("10000", ("Name", "Changed"));
        // The CRM database goes away between two runs (file replaced by garbage, as a dropped server would answer).
        var crmBytes = File.ReadAllBytes(s.Crm.Path);
        File.WriteAllText(s.Crm.Path, "this is not a database");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.False(string.IsNullOrEmpty(job.Message));
        Assert.Equal(watermark, s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);

        File.WriteAllBytes(s.Crm.Path, crmBytes);
        var retry = SyncScenario.Job(s.Run(), "CUSTOMER", To);
        Assert.Equal(1, retry.Modified);
        Assert.Equal("Changed", s.Account("10000")!["name"]);
    }

    [Fact]
    public void A_connection_lost_in_the_middle_of_a_page_stops_the_job_and_the_rerun_completes_it()
    {
        using var s = new SyncScenario("batchSize: 2");
        for (var i = 0; i < 6; i++) s.AddCustomer($"1000{i}", "C" + i);
        var pages = 0;
        var failing = s.Runner(point =>
        {
            if (point == "intent-recorded" && ++pages == 2) throw new IOException("The network path was not found.");
        });

        var job = failing.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).Single();

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("network path", job.Message);
        Assert.Null(s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);
        Assert.Equal(2, s.Crm.Count("account"));

        var rerun = s.RunOne("CUSTOMER", To);
        Assert.Equal(JobStatus.Succeeded, rerun.Status);
        Assert.Equal(6, s.Crm.Count("account"));
        Assert.Equal(6, s.Crm.Rows("account").Select(r => r["accountnumber"]).Distinct().Count());
    }
}
