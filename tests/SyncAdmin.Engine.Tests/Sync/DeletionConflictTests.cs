using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

public class DeletionConflictTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;

    private static SyncScenario DeletedInCrm(string? options = null)
    {
        var s = new SyncScenario(options);
        s.AddCustomer("10000", "Adatum");
        s.AddCustomer("20000", "Trey");
        s.Run();
        s.Crm.Execute("DELETE FROM account WHERE accountnumber = '10000'");
        s.EditCustomer("10000", ("Name", "Adatum 2"));
        return s;
    }

    [Fact]
    public void None_fails_naming_the_missing_record_and_skips_it_after_a_repeat()
    {
        using var s = DeletedInCrm();
        var oldId = s.Engine.Couplings.List("CUSTOMER", localKey: "10000").Single().IntegrationKey;

        var first = SyncScenario.Job(s.Run(), "CUSTOMER", To);
        Assert.Equal(1, first.Failed);
        var error = s.Engine.GetErrors(new ErrorQuery { JobId = first.Id }).Single();
        Assert.Equal($"The account record {oldId} coupled to Customer 10000 no longer exists.", error.Message);

        s.Run();
        var skipped = s.Engine.Skipped.List().Single();
        Assert.Equal("10000", skipped.LocalKey);
        Assert.True(skipped.LocalExists);
        Assert.False(skipped.IntegrationExists);
    }

    [Fact]
    public void RestoreRecords_inserts_a_new_counterpart_and_recouples()
    {
        using var s = DeletedInCrm("deletionConflictResolution: RestoreRecords");
        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);
        Assert.Equal(1, job.Inserted);
        Assert.Equal("Adatum 2", s.Account("10000")!["name"]);
        Assert.Equal(s.AccountId("10000"), s.Engine.Couplings.List("CUSTOMER", localKey: "10000").Single().IntegrationKey);
    }

    [Fact]
    public void RemoveCoupling_drops_the_coupling_and_counts_it()
    {
        using var s = DeletedInCrm("deletionConflictResolution: RemoveCoupling");
        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);
        Assert.Equal(1, job.Uncoupled);
        Assert.Empty(s.Engine.Couplings.List("CUSTOMER", localKey: "10000"));
        Assert.NotNull(s.Customer("10000"));
    }

    [Fact]
    public void DeleteRecord_propagates_the_delete()
    {
        using var s = DeletedInCrm("deletionConflictResolution: DeleteRecord");
        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);
        Assert.Equal(1, job.Deleted);
        Assert.Null(s.Customer("10000"));
        Assert.NotNull(s.Customer("20000"));
        Assert.Single(s.Engine.Couplings.List("CUSTOMER"));
    }
}
