using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

/// <summary>A run killed at each commit point of a page, then users edit before the next run: every cell converges —
/// both sides end equal, holding the latest edits — with no lost update and no conflict the crash made up. Recovery settles
/// the announced work first (a write that happened is adopted, one that did not is finished) and only then is the new
/// change decided.</summary>
public class CrashMatrixTests
{
    public enum Run { To, From, Bidirectional }

    public enum Edit { None, SameField, OtherField, OtherSide, RowDeleted }

    public static TheoryData<Run, string, Edit> Cells()
    {
        var data = new TheoryData<Run, string, Edit>();
        foreach (var run in Enum.GetValues<Run>())
            foreach (var point in new[] { "intent-recorded", "destination-committed", "results-recorded" })
                foreach (var edit in Enum.GetValues<Edit>())
                    data.Add(run, point, edit);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_crash_then_an_edit_converges_without_a_lost_update_or_a_made_up_conflict(Run run, string point, Edit edit)
    {
        using var s = new SyncScenario("deletionConflictResolution: DeleteRecord");
        for (var i = 1; i <= 6; i++) s.AddCustomer($"1000{i}", "Customer " + i, email: $"c{i}@example.com");
        s.Run();
        s.Run(); // settled: every echo seen once

        // The change the crashed run carries: the ERP's phones (To), the CRM's (From), or both, on different records.
        var carried = run == Run.From ? new[] { "10004", "10005", "10006" } : new[] { "10001", "10002", "10003" };
        if (run != Run.From) foreach (var no in new[] { "10001", "10002", "10003" }) s.EditCustomer(no, ("Phone", "ERP-" + no));
        if (run != Run.To) foreach (var no in new[] { "10004", "10005", "10006" }) s.EditAccount(s.AccountId(no), ("telephone1", "CRM-" + no));
        var originIsErp = run != Run.From;
        // In the bidirectional run the crash hits the From pass (its first page is the second page of the run).
        Crash(s, point, run == Run.Bidirectional ? 2 : 1, run switch { Run.To => SyncDirection.ToIntegrationTable, Run.From => SyncDirection.FromIntegrationTable, _ => null });
        if (run == Run.Bidirectional) { carried = new[] { "10004", "10005", "10006" }; originIsErp = false; }

        var record = carried[0];
        var accountId = s.AccountId(record);
        switch (edit)
        {
            case Edit.SameField when originIsErp: s.EditCustomer(record, ("Phone", "ERP-again")); break;
            case Edit.SameField: s.EditAccount(accountId, ("telephone1", "CRM-again")); break;
            case Edit.OtherField when originIsErp: s.EditCustomer(record, ("Email", "erp-later@example.com")); break;
            case Edit.OtherField: s.EditAccount(accountId, ("emailaddress1", "crm-later@example.com")); break;
            case Edit.OtherSide when originIsErp: s.EditAccount(accountId, ("name", "Named in the CRM")); break;
            case Edit.OtherSide: s.EditCustomer(record, ("Name", "Named in the ERP")); break;
            case Edit.RowDeleted when originIsErp: s.Erp.Execute($"DELETE FROM Customer WHERE No = '{record}'"); break;
            case Edit.RowDeleted: s.Crm.Execute($"DELETE FROM account WHERE accountid = '{accountId}'"); break;
        }

        var after = s.Run().Concat(s.Run()).Concat(s.Run()).ToList();

        Assert.Equal(0, after.Sum(j => j.Failed));
        Assert.Empty(s.Engine.Skipped.List());
        Assert.All(s.Engine.Couplings.List("CUSTOMER"), c => Assert.Null(c.Pending));
        foreach (var customer in s.Erp.Rows("Customer"))
        {
            var no = (string)customer["No"]!;
            var account = s.Account(no);
            Assert.True(account is not null, $"account {no} is missing");
            Assert.Equal((customer["Name"], customer["Email"], customer["Phone"]), (account!["name"], account["emailaddress1"], account["telephone1"]));
        }
        Assert.Equal(s.Erp.Count("Customer"), s.Crm.Count("account"));
        if (edit == Edit.RowDeleted)
        {
            Assert.Null(s.Customer(record));
            return;
        }
        var final = s.Customer(record)!;
        var expectedPhone = edit == Edit.SameField ? (originIsErp ? "ERP-again" : "CRM-again") : (originIsErp ? "ERP-" : "CRM-") + record;
        Assert.Equal(expectedPhone, final["Phone"]);
        if (edit == Edit.OtherField) Assert.Equal(originIsErp ? "erp-later@example.com" : "crm-later@example.com", final["Email"]);
        if (edit == Edit.OtherSide) Assert.Equal(originIsErp ? "Named in the CRM" : "Named in the ERP", final["Name"]);
        foreach (var other in carried.Skip(1)) Assert.Equal((originIsErp ? "ERP-" : "CRM-") + other, s.Customer(other)!["Phone"]);
    }

    private static void Crash(SyncScenario s, string point, int page, SyncDirection? direction)
    {
        s.CrashAt(point, page, direction);
        // A killed process's lease stays until it expires (or its holder is seen dead); the test's runner is this very
        // process, alive, so its lease is released here as the expiry would.
        if (s.Engine.Store.Leases.Holder("CUSTOMER") is { } lease) s.Engine.Store.Leases.Release(lease);
    }
}
