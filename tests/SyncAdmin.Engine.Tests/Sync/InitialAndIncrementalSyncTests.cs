using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

public class InitialAndIncrementalSyncTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;
    private const SyncDirection From = SyncDirection.FromIntegrationTable;

    private static SyncScenario Seeded()
    {
        var s = new SyncScenario();
        s.AddCurrency("EUR", "Euro");
        s.AddCurrency("USD", "US dollar");
        s.AddCustomer("10000", "Adatum", currency: "EUR", creditLimit: 1500.5);
        s.AddCustomer("20000", "Trey Research", currency: "USD");
        s.AddCustomer("30000", "Blocked Inc", blocked: 1);
        return s;
    }

    [Fact]
    public void First_run_inserts_and_couples_every_record_in_dependency_order()
    {
        using var s = Seeded();
        var jobs = s.Run();

        Assert.Equal(new[] { "CURRENCY", "CUSTOMER", "CUSTOMER" }, jobs.Select(j => j.Mapping));
        Assert.Equal(2, SyncScenario.Job(jobs, "CURRENCY", To).Inserted);
        var customerTo = SyncScenario.Job(jobs, "CUSTOMER", To);
        Assert.Equal((2, 0, 0), (customerTo.Inserted, customerTo.Failed, customerTo.Modified));
        Assert.Equal(JobStatus.Succeeded, customerTo.Status);
        Assert.Equal(2, s.Crm.Count("account"));
        Assert.Equal(2, s.Engine.Couplings.List("CUSTOMER").Count());
    }

    [Fact]
    public void Inserted_record_carries_converted_values_constant_and_translated_lookup()
    {
        using var s = Seeded();
        s.Run();

        var account = s.Account("10000")!;
        Assert.Equal("Adatum", account["name"]);
        Assert.Equal("10000@example.com", account["emailaddress1"]);
        Assert.Equal(1500.5, account["creditlimit"]);
        Assert.Equal(3L, account["customertypecode"]);
        Assert.True(Guid.TryParse((string)account["accountid"]!, out _));
        var currencyId = s.Crm.Rows("transactioncurrency", "isocurrencycode = 'EUR'").Single()["transactioncurrencyid"];
        Assert.Equal(currencyId, account["transactioncurrencyid"]);
        Assert.NotNull(account["modifiedon"]);
    }

    [Fact]
    public void Filter_keeps_blocked_customers_out()
    {
        using var s = Seeded();
        s.Run();
        Assert.Null(s.Account("30000"));
    }

    [Fact]
    public void A_second_run_without_edits_counts_nothing_because_echoes_are_not_changes()
    {
        using var s = Seeded();
        s.Run();
        var again = s.Run();
        foreach (var job in again)
            Assert.Equal(0, job.Inserted + job.Modified + job.Unchanged + job.Failed + job.Skipped);
    }

    [Fact]
    public void A_local_edit_flows_to_the_integration_table_and_does_not_echo_back()
    {
        using var s = Seeded();
        s.Run();
        s.EditCustomer("10000", ("Name", "Adatum Corporation"));

        var jobs = s.Run();

        Assert.Equal(1, SyncScenario.Job(jobs, "CUSTOMER", To).Modified);
        var from = SyncScenario.Job(jobs, "CUSTOMER", From);
        Assert.Equal(0, from.Modified + from.Unchanged + from.Failed);
        Assert.Equal("Adatum Corporation", s.Account("10000")!["name"]);
    }

    [Fact]
    public void An_integration_edit_flows_back_to_the_local_table()
    {
        using var s = Seeded();
        s.Run();
        s.EditAccount(s.AccountId("20000"), ("telephone1", "555-9999"));

        var jobs = s.Run();

        Assert.Equal(1, SyncScenario.Job(jobs, "CUSTOMER", From).Modified);
        Assert.Equal("555-9999", s.Customer("20000")!["Phone"]);
        Assert.Equal(0, SyncScenario.Job(jobs, "CUSTOMER", To).Modified);
    }

    [Fact]
    public void A_one_way_field_never_flows_back()
    {
        using var s = Seeded();
        s.Run();
        s.EditAccount(s.AccountId("10000"), ("accountnumber", "HACKED"));

        var jobs = s.Run();

        Assert.Equal("10000", s.Customer("10000")!["No"]);
        Assert.Equal(0, SyncScenario.Job(jobs, "CUSTOMER", From).Modified);
    }

    [Fact]
    public void A_touched_record_whose_mapped_values_did_not_change_counts_as_unchanged()
    {
        using var s = Seeded();
        s.Run();
        s.EditCustomer("10000", ("Blocked", 0));

        var job = s.RunOne("CUSTOMER", To);

        Assert.Equal((1, 0), (job.Unchanged, job.Modified));
    }

    [Fact]
    public void Watermark_moves_forward_and_incremental_runs_read_only_changed_rows()
    {
        using var s = Seeded();
        s.Run();
        var mapping = s.Engine.Store.Mappings.Get("CUSTOMER");
        Assert.NotNull(mapping.LocalWatermark);
        // A change that does not touch modified-on is invisible to an incremental run, but a full run finds it.
        s.Erp.Execute("UPDATE Customer SET Name = 'Silent', LastModifiedAt = '2020-01-01T00:00:00.000Z' WHERE No = '20000'");

        Assert.Equal(0, s.RunOne("CUSTOMER", To).Modified);
        var full = s.RunOne("CUSTOMER", To, new RunRequest { Full = true });

        Assert.Equal(JobKind.Full, full.Kind);
        Assert.Equal(1, full.Modified);
        Assert.Equal("Silent", s.Account("20000")!["name"]);
    }

    [Fact]
    public void Watermark_is_capped_behind_the_pass_start()
    {
        using var s = Seeded();
        // A record stamped in the future (clock skew on the source) must not push the watermark past now.
        s.Erp.Execute("UPDATE Customer SET LastModifiedAt = '2999-01-01T00:00:00.000Z' WHERE No = '10000'");
        var before = DateTime.UtcNow;
        s.Run();
        var watermark = s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark!.Value;
        Assert.True(watermark <= DateTime.UtcNow.AddSeconds(-4), $"watermark {watermark:o} should be at least the overlap behind {before:o}");
    }

    [Fact]
    public void Jobs_are_recorded_with_their_counters()
    {
        using var s = Seeded();
        s.Run();
        var jobs = s.Engine.GetJobs(new JobQuery { Mappings = new[] { "CUSTOMER" } });
        Assert.Equal(2, jobs.Count);
        Assert.Equal(From, jobs[0].Direction); // newest first
        Assert.Equal(2, jobs[1].Inserted);
        Assert.All(jobs, j => Assert.NotNull(j.FinishedAt));
    }
}
