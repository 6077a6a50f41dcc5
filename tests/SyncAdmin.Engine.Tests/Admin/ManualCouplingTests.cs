using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

public class ManualCouplingTests
{
    [Fact]
    public void Coupling_by_hand_links_existing_records_and_the_next_sync_aligns_them()
    {
        using var s = new SyncScenario("syncOnlyCoupledRecords: true");
        s.AddCustomer("10000", "Adatum");
        var id = Guid.NewGuid().ToString();
        s.Crm.Insert("account", ("accountid", id), ("name", "adatum (crm)"));

        var coupling = s.Engine.Couplings.Couple("CUSTOMER", "10000", id);
        var jobs = s.Run();

        Assert.Equal(("10000", id), (coupling.LocalKey, coupling.IntegrationKey));
        Assert.Equal(1, SyncScenario.Job(jobs, "CUSTOMER", SyncDirection.ToIntegrationTable).Modified);
        Assert.Equal("Adatum", s.Crm.Row("account", "accountid", id)!["name"]);
    }

    [Fact]
    public void Coupling_a_record_that_is_already_coupled_is_refused()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();
        var other = Guid.NewGuid().ToString();
        s.Crm.Insert("account", ("accountid", other), ("name", "x"));

        var e = Assert.Throws<InvalidOperationException>(() => s.Engine.Couplings.Couple("CUSTOMER", "10000", other));
        Assert.Contains("already coupled", e.Message);
    }

    [Fact]
    public void Coupling_a_record_that_does_not_exist_is_refused()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        var e = Assert.Throws<ArgumentException>(() => s.Engine.Couplings.Couple("CUSTOMER", "10000", Guid.NewGuid().ToString()));
        Assert.Contains("account", e.Message);
    }

    [Fact]
    public void Uncoupling_makes_the_next_run_insert_a_new_counterpart()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();

        Assert.True(s.Engine.Couplings.Uncouple("CUSTOMER", "10000", null));
        Assert.False(s.Engine.Couplings.Uncouple("CUSTOMER", "10000", null));
        s.EditCustomer("10000", ("Name", "Again"));
        s.Run();

        Assert.Equal(2, s.Crm.Count("account"));
    }
}
