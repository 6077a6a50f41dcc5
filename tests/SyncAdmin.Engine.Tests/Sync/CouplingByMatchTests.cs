using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

public class CouplingByMatchTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;
    private const string MatchOnEmail = "matchOn: [{ field: Email, integrationField: emailaddress1 }]";

    [Fact]
    public void One_uncoupled_match_couples_instead_of_inserting_and_then_updates_it()
    {
        using var s = new SyncScenario(MatchOnEmail);
        var existing = Guid.NewGuid().ToString();
        s.Crm.Insert("account", ("accountid", existing), ("name", "Old name"), ("emailaddress1", "info@adatum.com"));
        s.AddCustomer("10000", "Adatum", email: "info@adatum.com");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((1, 0, 1), (job.Coupled, job.Inserted, job.Modified));
        Assert.Equal(1, s.Crm.Count("account"));
        Assert.Equal("Adatum", s.Crm.Row("account", "accountid", existing)!["name"]);
        Assert.Equal(existing, s.Engine.Couplings.List("CUSTOMER").Single().IntegrationKey);
    }

    [Fact]
    public void A_match_that_already_holds_the_same_values_couples_without_a_write()
    {
        using var s = new SyncScenario(MatchOnEmail);
        s.AddCustomer("10000", "Adatum", email: "info@adatum.com");
        var existing = Guid.NewGuid().ToString();
        var customer = s.Customer("10000")!;
        s.Crm.Insert("account", ("accountid", existing), ("accountnumber", "10000"), ("name", "Adatum"), ("emailaddress1", "info@adatum.com"),
            ("telephone1", customer["Phone"]), ("customertypecode", 3), ("modifiedon", "2020-01-01T00:00:00.000Z"));

        var jobs = s.Run();

        var to = SyncScenario.Job(jobs, "CUSTOMER", To);
        Assert.Equal((1, 0, 0), (to.Coupled, to.Modified, to.Inserted));
        Assert.Equal("2020-01-01T00:00:00.000Z", s.Crm.Row("account", "accountid", existing)!["modifiedon"]);
        Assert.Equal(existing, s.Engine.Couplings.List("CUSTOMER").Single().IntegrationKey);
        Assert.Equal(0, s.Run().Sum(j => j.Modified + j.Failed + j.Inserted));
    }

    [Fact]
    public void Every_matchOn_column_must_agree_and_one_page_matches_many_records()
    {
        using var s = new SyncScenario("matchOn: [{ field: Email, integrationField: emailaddress1 }, { field: Name, integrationField: name }]\nbatchSize: 50");
        for (var i = 0; i < 120; i++)
        {
            s.Crm.Insert("account", ("accountid", Guid.NewGuid().ToString()), ("name", i % 2 == 0 ? "C" + i : "Other"), ("emailaddress1", $"c{i}@example.com"));
            s.AddCustomer($"{10000 + i}", "C" + i, email: $"c{i}@example.com");
        }

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((60, 60), (job.Coupled, job.Inserted)); // odd ones share the e-mail but not the name
        Assert.Equal(180, s.Crm.Count("account"));
    }

    [Fact]
    public void Several_uncoupled_matches_fail_the_record_rather_than_guess()
    {
        using var s = new SyncScenario(MatchOnEmail);
        s.Crm.Insert("account", ("accountid", Guid.NewGuid().ToString()), ("emailaddress1", "info@adatum.com"));
        s.Crm.Insert("account", ("accountid", Guid.NewGuid().ToString()), ("emailaddress1", "info@adatum.com"));
        s.AddCustomer("10000", "Adatum", email: "info@adatum.com");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal(1, job.Failed);
        Assert.Contains("matches 2 uncoupled account records", s.Engine.GetErrors(new() { JobId = job.Id }).Single().Message);
        Assert.Equal(2, s.Crm.Count("account"));
        Assert.Equal(1, s.Erp.Count("Customer")); // and the From pass does not insert either account as a new customer
    }

    [Fact]
    public void A_match_already_coupled_to_another_record_is_not_reused()
    {
        using var s = new SyncScenario(MatchOnEmail);
        s.AddCustomer("10000", "Adatum", email: "shared@example.com");
        s.Run();
        s.AddCustomer("20000", "Adatum copy", email: "shared@example.com");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((1, 0), (job.Inserted, job.Coupled));
        Assert.Equal(2, s.Crm.Count("account"));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    public void An_ambiguous_match_is_refused_by_both_passes_and_nothing_is_inserted_on_either_side_run_after_run(int accounts, int customers)
    {
        using var s = new SyncScenario(MatchOnEmail);
        for (var i = 0; i < customers; i++) s.AddCustomer($"8000{i}", "Shared " + i, email: "shared@example.com");
        for (var i = 0; i < accounts; i++)
            s.Crm.Insert("account", ("accountid", Guid.NewGuid().ToString()), ("name", "Account " + i), ("emailaddress1", "shared@example.com"),
                ("modifiedon", "2026-01-01T00:00:00.000Z"));
        s.AddCustomer("10000", "Alone", email: "alone@example.com");

        for (var run = 1; run <= 3; run++)
        {
            var jobs = s.Run();
            var to = SyncScenario.Job(jobs, "CUSTOMER", To);
            var from = SyncScenario.Job(jobs, "CUSTOMER", SyncDirection.FromIntegrationTable);
            Assert.Equal(customers + 1, s.Erp.Count("Customer"));
            Assert.Equal(accounts + 1, s.Crm.Count("account"));
            if (run == 1)
            {
                Assert.Equal((1, customers), (to.Inserted, to.Failed));
                Assert.Equal((0, accounts), (from.Inserted, from.Failed));
            }
        }
        // Reported on both sides: every customer and every account of the ambiguous group has its error.
        var errors = s.Engine.GetErrors(new SyncAdmin.Engine.State.ErrorQuery()).ToList();
        Assert.Equal(customers, errors.Where(e => e.SourceTable == "Customer").Select(e => e.SourceKey).Distinct().Count());
        Assert.Equal(accounts, errors.Where(e => e.SourceTable == "account").Select(e => e.SourceKey).Distinct().Count());
        Assert.All(errors, e => Assert.Matches("matches .*uncoupled .* records|couple (it|them) by hand", e.Message));
        Assert.Single(s.Engine.Couplings.List("CUSTOMER")); // only the customer nobody else matches
    }

    [Fact]
    public void A_record_the_filter_leaves_out_does_not_make_a_match_ambiguous()
    {
        using var s = new SyncScenario(MatchOnEmail);
        var account = Guid.NewGuid().ToString();
        s.Crm.Insert("account", ("accountid", account), ("name", "Adatum CRM"), ("emailaddress1", "info@adatum.com"), ("modifiedon", "2026-01-01T00:00:00.000Z"));
        s.AddCustomer("10000", "Adatum", email: "info@adatum.com");
        s.AddCustomer("19999", "Adatum (blocked)", email: "info@adatum.com", blocked: 1);

        var jobs = s.Run();

        Assert.Equal((1, 0), (SyncScenario.Job(jobs, "CUSTOMER", To).Coupled, jobs.Sum(j => j.Failed)));
        Assert.Equal(account, s.Engine.Couplings.List("CUSTOMER", localKey: "10000").Single().IntegrationKey);
    }

    [Fact]
    public void A_first_run_into_a_table_that_already_holds_rows_warns_unless_matchOn_can_couple_them()
    {
        using var s = new SyncScenario();
        s.Crm.Insert("transactioncurrency", ("transactioncurrencyid", Guid.NewGuid().ToString()), ("isocurrencycode", "EUR"));
        s.AddCurrency("EUR", "Euro");

        var currency = SyncScenario.Job(s.Run(), "CURRENCY", To);

        Assert.Equal(JobStatus.Succeeded, currency.Status);
        var warning = Assert.Single(currency.Warnings);
        Assert.Contains("transactioncurrency already holds rows", warning);
        Assert.Contains("restore the store, or set matchOn", warning);
        Assert.Contains("transactioncurrency already holds rows", s.Engine.GetJobs(new SyncAdmin.Engine.State.JobQuery { Ids = new[] { currency.Id } }).Single().Message);
        // The next run is not a first run; and a mapping with matchOn couples instead (no warning).
        Assert.Empty(SyncScenario.Job(s.Run(), "CURRENCY", To).Warnings);
        using var matched = new SyncScenario(MatchOnEmail);
        matched.Crm.Insert("account", ("accountid", Guid.NewGuid().ToString()), ("emailaddress1", "info@adatum.com"));
        matched.AddCustomer("10000", "Adatum", email: "info@adatum.com");
        Assert.Empty(SyncScenario.Job(matched.Run(), "CUSTOMER", To).Warnings);
    }
}
