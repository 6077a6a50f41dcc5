using SyncAdmin.Engine.Configuration;
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
        Assert.Contains("matches 2 uncoupled account records", s.Engine.GetErrors(new()).Single().Message);
        Assert.Equal(2, s.Crm.Count("account"));
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
}
