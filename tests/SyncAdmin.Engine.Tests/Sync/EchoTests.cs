using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

/// <summary>The engine's own writes come back to the other pass as echoes, recognised by the modified-on each coupling
/// recorded ("Last Synch. Modified On") without reading the rows whole. A person's edit, however close to the engine's
/// write, gives the row another modified-on and is never taken for one.</summary>
public class EchoTests
{
    private static SyncScenario Initial(int customers = 20)
    {
        var s = new SyncScenario();
        for (var i = 0; i < customers; i++) s.AddCustomer($"{10000 + i}", "Customer " + i);
        s.RunOne("CUSTOMER", SyncDirection.ToIntegrationTable);
        return s;
    }

    [Fact]
    public void The_first_From_pass_passes_over_every_echo_of_the_To_pass_and_counts_none()
    {
        using var s = Initial();

        var from = s.RunOne("CUSTOMER", SyncDirection.FromIntegrationTable);

        Assert.Equal((0, 0, 0, 0), (from.Inserted, from.Modified, from.Unchanged, from.Failed));
    }

    [Fact]
    public void An_edit_right_after_the_To_pass_is_carried_back_not_taken_for_an_echo()
    {
        using var s = Initial();
        s.EditAccount(s.AccountId("10007"), ("name", "Edited in the CRM right after"));

        var from = s.RunOne("CUSTOMER", SyncDirection.FromIntegrationTable);

        Assert.Equal(1, from.Modified);
        Assert.Equal("Edited in the CRM right after", s.Customer("10007")!["Name"]);
    }

    [Fact]
    public void An_edit_made_while_the_To_pass_is_writing_is_carried_back_not_taken_for_an_echo()
    {
        using var s = new SyncScenario("batchSize: 5");
        for (var i = 0; i < 20; i++) s.AddCustomer($"{10000 + i}", "Customer " + i);
        var edited = false;
        // After the first page's accounts are committed and before the pass goes on, a CRM user edits one of them.
        var runner = s.Runner(point =>
        {
            if (point != "destination-committed" || edited) return;
            edited = true;
            s.EditAccount(s.AccountId("10002"), ("telephone1", "Changed during the run"));
        });
        runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = SyncDirection.ToIntegrationTable }).ToList();
        Assert.True(edited);

        var from = s.RunOne("CUSTOMER", SyncDirection.FromIntegrationTable);

        Assert.Equal(1, from.Modified);
        Assert.Equal("Changed during the run", s.Customer("10002")!["Phone"]);
    }

    [Fact]
    public void A_counterpart_deleted_before_the_echo_comes_back_is_still_noticed()
    {
        using var s = new SyncScenario("deletionConflictResolution: DeleteRecord");
        for (var i = 0; i < 5; i++) s.AddCustomer($"{10000 + i}", "Customer " + i);
        s.RunOne("CUSTOMER", SyncDirection.ToIntegrationTable);
        s.Erp.Execute("DELETE FROM Customer WHERE No = '10003'");

        s.RunOne("CUSTOMER", SyncDirection.FromIntegrationTable);

        Assert.Null(s.Account("10003"));
        Assert.Equal(4, s.Crm.Count("account"));
    }

    [Fact]
    public void A_change_that_moves_no_modified_on_is_left_to_reconciliation()
    {
        using var s = Initial();
        s.RunOne("CUSTOMER", SyncDirection.FromIntegrationTable);
        // Written straight into the table: the modified-on the engine recorded stays, so it looks like the engine's echo.
        s.Crm.Execute($"UPDATE account SET name = 'Silent' WHERE accountid = '{s.AccountId("10004")}'");
        s.Engine.Watermarks.Apply("CUSTOMER", new WatermarkRequest { Reset = true });

        s.RunOne("CUSTOMER", SyncDirection.FromIntegrationTable);

        Assert.Equal("Customer 4", s.Customer("10004")!["Name"]);
        var drift = Assert.Single(s.Engine.Reconciliation.Compare("CUSTOMER"));
        Assert.Equal((ReconciliationKind.Drift, "10004"), (drift.Kind, drift.LocalKey));
        var full = s.RunOne("CUSTOMER", SyncDirection.FromIntegrationTable, new RunRequest { Full = true });
        Assert.Equal(1, full.Modified);
        Assert.Equal("Silent", s.Customer("10004")!["Name"]);
    }
}
