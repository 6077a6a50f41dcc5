using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

public class ForcedAndPreviewTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;
    private const SyncDirection From = SyncDirection.FromIntegrationTable;

    [Fact]
    public void Forced_sync_of_chosen_keys_overwrites_the_destination_without_a_conflict_check()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.AddCustomer("20000", "Trey");
        s.Run();
        s.EditCustomer("10000", ("Name", "ERP"));
        s.EditAccount(s.AccountId("10000"), ("name", "CRM"));
        s.EditCustomer("20000", ("Name", "Not chosen"));

        var job = s.Engine.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = From, Keys = new[] { s.AccountId("10000") } }).Single();

        Assert.Equal((JobKind.Forced, 1, 0), (job.Kind, job.Modified, job.Failed));
        Assert.Equal("CRM", s.Customer("10000")!["Name"]);
        Assert.Equal("Trey", s.Account("20000")!["name"]);
        // The base was reset: the next run sees no conflict for 10000 and still carries 20000's edit.
        var next = s.Run();
        Assert.Equal(0, next.Sum(j => j.Failed));
        Assert.Equal("Not chosen", s.Account("20000")!["name"]);
    }

    [Fact]
    public void Forced_sync_of_a_missing_key_reports_it()
    {
        using var s = new SyncScenario();
        var job = s.Engine.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To, Keys = new[] { "99999" } }).Single();
        Assert.Equal(1, job.Failed);
        Assert.Equal("Customer 99999 does not exist.", s.Engine.GetErrors(new()).Single().Message);
    }

    [Fact]
    public void Forced_sync_of_a_bidirectional_mapping_needs_a_direction()
    {
        using var s = new SyncScenario();
        var e = Assert.Throws<ArgumentException>(() => s.Engine.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Keys = new[] { "1" } }).ToList());
        Assert.Contains("-Direction", e.Message);
    }

    [Fact]
    public void Dry_run_reports_per_record_and_writes_nothing_anywhere()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.AddCustomer("20000", "Trey");
        s.Run();
        s.EditCustomer("10000", ("Name", "ERP"));
        s.EditAccount(s.AccountId("10000"), ("name", "CRM"));
        s.AddCustomer("30000", "New");
        s.AddCustomer("40000", "Bad", currency: "XXX");
        var storeBefore = File.ReadAllBytes(s.StorePath);
        var jobsBefore = s.Engine.GetJobs(new()).Count;

        var preview = s.Engine.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To, Preview = true }).Single();

        Assert.Equal(JobStatus.Preview, preview.Status);
        var byKey = preview.Records.ToDictionary(r => r.SourceKey);
        Assert.Equal(RecordAction.Insert, byKey["30000"].Action);
        Assert.True(byKey["10000"].IsConflict);
        Assert.Equal(RecordAction.Fail, byKey["40000"].Action);
        Assert.Contains("must be coupled", byKey["40000"].Message);
        Assert.False(byKey.ContainsKey("20000"));
        Assert.Equal((1, 2), (preview.Inserted, preview.Failed));
        Assert.Equal(2, s.Crm.Count("account"));
        Assert.Equal("CRM", s.Account("10000")!["name"]);
        Assert.Equal(jobsBefore, s.Engine.GetJobs(new()).Count);
        Assert.Empty(s.Engine.GetErrors(new()));
        Assert.Null(s.Engine.Store.Leases.Holder("CUSTOMER"));
        Assert.Equal(2, s.Engine.Couplings.List("CUSTOMER").Count());
    }

    [Fact]
    public void Cancellation_between_pages_ends_the_job_cancelled_without_moving_the_watermark()
    {
        using var s = new SyncScenario("batchSize: 2");
        for (var i = 0; i < 6; i++) s.AddCustomer($"1000{i}", "C" + i);
        using var cancel = new CancellationTokenSource();
        var pages = 0;
        var reporter = new SynchronousProgress(p => { if (p.IsPageReport && ++pages == 1) cancel.Cancel(); });

        var job = s.Engine.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }, reporter, cancel.Token).Single();

        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Equal(2, s.Crm.Count("account"));
        Assert.Null(s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);
        Assert.Equal(JobStatus.Cancelled, s.Engine.GetJobs(new() { Ids = new[] { job.Id } }).Single().Status);
    }

    private sealed class SynchronousProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }
}
