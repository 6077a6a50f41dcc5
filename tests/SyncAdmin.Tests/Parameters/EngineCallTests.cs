using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Demo;
using SyncAdmin.Parameters;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Parameters;

/// <summary>What the cmdlets' parameters make the engine do, on the sample ERP, CRM and store (real SQLite files).</summary>
public class EngineCallTests
{
    /// <summary>Synchronizes, then deletes customer 30000's account in the CRM and edits the customer: one error per run.</summary>
    private static SampleStore WithErrors(int runs)
    {
        var sample = new SampleStore();
        sample.Engine.Run(new RunRequest()).ToList();
        SampleDatabases.Execute(sample.Crm, "DELETE FROM account WHERE accountnumber = '30000'");
        sample.EditCustomer("30000", "Phone = '555-0333'");
        for (var i = 0; i < runs; i++) sample.Engine.Run(new RunRequest()).ToList();
        return sample;
    }

    private static long ErrorCount(SampleStore sample) => sample.Engine.GetErrors(new ErrorQuery()).LongCount();

    [Fact]
    public void Older_than_removes_only_entries_older_than_the_age()
    {
        using var sample = WithErrors(runs: 1);
        Assert.Equal(0, new ErrorPurge.OlderThan(TimeSpan.FromDays(7), null).Apply(sample.Engine));
        Assert.Equal(1, ErrorCount(sample));
        Thread.Sleep(5);
        Assert.Equal(1, new ErrorPurge.OlderThan(TimeSpan.Zero, null).Apply(sample.Engine));
        Assert.Equal(0, ErrorCount(sample));
    }

    [Fact]
    public void All_removes_every_entry_or_those_of_the_chosen_mappings()
    {
        using var sample = WithErrors(runs: 2);
        Assert.Equal(0, new ErrorPurge.All(new[] { "CURRENCY" }).Apply(sample.Engine));
        Assert.Equal(2, new ErrorPurge.All(null).Apply(sample.Engine));
        Assert.Equal(0, ErrorCount(sample));
    }

    [Fact]
    public void Piped_ids_remove_those_entries_and_purging_keeps_the_skipped_records_reason()
    {
        using var sample = WithErrors(runs: 2);
        var errors = sample.Engine.GetErrors(new ErrorQuery()).ToList();
        Assert.Equal(1, new ErrorPurge.Ids(new[] { errors[0].Id }).Apply(sample.Engine));
        Assert.Equal(1, new ErrorPurge.Ids(errors.Select(e => e.Id).ToList()).Apply(sample.Engine));
        Assert.Equal(0, new ErrorPurge.Ids(Array.Empty<long>()).Apply(sample.Engine));
        Assert.Contains("no longer exists", Assert.Single(sample.Engine.Skipped.List()).Reason);
    }

    [Fact]
    public void Purge_descriptions_say_what_goes()
    {
        Assert.Equal("sync errors older than 7 days", new ErrorPurge.OlderThan(TimeSpan.FromDays(7), null).Description);
        Assert.Equal("every sync error of mapping CUSTOMER", new ErrorPurge.All(new[] { "CUSTOMER" }).Description);
        Assert.Equal("sync error 42", new ErrorPurge.Ids(new[] { 42L }).Description);
    }

    [Fact]
    public void A_run_refused_because_another_run_holds_the_mapping_is_reported_as_busy()
    {
        using var sample = new SampleStore();
        sample.Engine.Store.Leases.Acquire("CUSTOMER", "another worker", TimeSpan.FromMinutes(5));
        var job = sample.Engine.Run(new SyncRunOptions().ToRunRequest(new[] { "CUSTOMER" }, preview: false)).Single();
        var outcome = new JobOutcome(job);
        Assert.True(outcome.IsFailure);
        Assert.True(outcome.IsBusy);
        Assert.Equal(ErrorIds.MappingBusy, outcome.ErrorId);
        Assert.Equal(FailureCategory.ResourceBusy, outcome.Category);
    }

    [Fact]
    public void Failed_and_skipped_records_are_warnings_naming_the_cmdlet_that_shows_them()
    {
        using var sample = WithErrors(runs: 0);
        var failed = sample.Engine.Run(new RunRequest()).Single(j => j.Failed > 0);
        var outcome = new JobOutcome(failed);
        Assert.False(outcome.IsFailure);
        Assert.Contains($"Get-SyncError -JobId {failed.Id}", Assert.Single(outcome.Warnings));
        var skipped = sample.Engine.Run(new RunRequest()).Single(j => j.Direction == SyncDirection.ToIntegrationTable && j.Mapping == "CUSTOMER");
        Assert.Contains(new JobOutcome(skipped).Warnings, w => w.Contains("Get-SyncError"));
        var third = sample.Engine.Run(new RunRequest()).Single(j => j.Direction == SyncDirection.ToIntegrationTable && j.Mapping == "CUSTOMER");
        Assert.Contains(new JobOutcome(third).Warnings, w => w.Contains("Get-SkippedRecord -Name CUSTOMER"));
    }

    [Fact]
    public void A_dry_run_writes_nothing_anywhere()
    {
        using var sample = new SampleStore();
        var jobs = sample.Engine.Run(new SyncRunOptions().ToRunRequest(new[] { "CURRENCY", "CUSTOMER" }, preview: true)).ToList();
        Assert.All(jobs, j => Assert.Equal(JobStatus.Preview, j.Status));
        Assert.Contains(jobs.SelectMany(j => j.Records), r => r.Action == RecordAction.Insert);
        Assert.Equal(0L, SampleDatabases.Scalar(sample.Crm, "SELECT count(*) FROM account"));
        Assert.Empty(sample.Engine.GetJobs(new JobQuery()));
        Assert.Empty(sample.Engine.Couplings.List());
    }

    [Fact]
    public void Mapping_settings_reach_the_stored_mapping_and_are_validated_first()
    {
        using var sample = new SampleStore();
        var settings = new MappingSettings { UpdateConflictResolution = UpdateConflictResolution.SendUpdateToIntegration, BatchSize = 50 };
        sample.Engine.UpdateMapping("CUSTOMER", settings.Apply, validateOnly: true);
        Assert.Equal(UpdateConflictResolution.None, sample.Engine.Store.Mappings.Get("CUSTOMER").Definition.UpdateConflictResolution);
        sample.Engine.UpdateMapping("CUSTOMER", settings.Apply);
        var stored = sample.Engine.Store.Mappings.Get("CUSTOMER").Definition;
        Assert.Equal((UpdateConflictResolution.SendUpdateToIntegration, 50), (stored.UpdateConflictResolution, stored.BatchSize));
        var failure = Assert.ThrowsAny<Exception>(() => sample.Engine.UpdateMapping("CUSTOMER", new MappingSettings { DependsOn = new[] { "NOPE" } }.Apply));
        Assert.Equal(ErrorIds.InvalidConfiguration, EngineFailure.Of(failure, "x", FailureCategory.NotSpecified).ErrorId);
    }

    [Fact]
    public void Engine_failures_keep_their_own_error_ids()
    {
        using var sample = new SampleStore();
        var unknown = Assert.ThrowsAny<Exception>(() => sample.Engine.Couplings.Couple("NOPE", "1", "2"));
        Assert.Equal((ErrorIds.MappingNotFound, FailureCategory.ObjectNotFound),
            (EngineFailure.Of(unknown, ErrorIds.RecordNotFound, FailureCategory.ObjectNotFound).ErrorId, EngineFailure.Of(unknown, "x", FailureCategory.NotSpecified).Category));
        var missing = Assert.ThrowsAny<Exception>(() => sample.Engine.Couplings.Couple("CUSTOMER", "99999", Guid.NewGuid().ToString()));
        Assert.Equal(ErrorIds.RecordNotFound, EngineFailure.Of(missing, ErrorIds.RecordNotFound, FailureCategory.ObjectNotFound).ErrorId);
        Assert.True(EngineFailure.IsExpected(missing));
        var badFile = sample.Directory + "/bad.yaml";
        File.WriteAllText(badFile, "mappings:\n  - name: [\n");
        var configuration = Assert.ThrowsAny<Exception>(() => sample.Engine.ImportMappings(badFile, validateOnly: true));
        Assert.Equal(ErrorIds.InvalidConfiguration, EngineFailure.Of(configuration, "x", FailureCategory.NotSpecified).ErrorId);
        Assert.Contains("bad.yaml", configuration.Message);
    }
}

/// <summary>Ctrl+C during Invoke-RecordSync: PowerShell makes WriteProgress throw once the pipeline stops. Through the
/// forwarder, that ends the job Cancelled between pages, releases the mapping and leaves the watermark where it was.</summary>
public class StopDuringSyncTests
{
    private sealed class PipelineStopped : Exception;

    [Fact]
    public void A_writer_that_fails_because_the_pipeline_stops_cancels_the_job_between_pages()
    {
        using var sample = new SampleStore();
        SampleDatabases.Execute(sample.Erp, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
            INSERT INTO Customer(No, Name, Email, LastModifiedAt) SELECT printf('C%04d', i), 'Customer ' || i, 'c' || i || '@example.com',
                strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM n
            """);
        sample.Engine.UpdateMapping("CUSTOMER", m => m with { BatchSize = 50 });
        sample.Engine.Run(new RunRequest { Mappings = new[] { "CURRENCY" } }).ToList();
        using var stop = new CancellationTokenSource();
        var reports = 0;
        var progress = new ProgressForwarder(_ => { if (++reports >= 2) throw new PipelineStopped(); }, e => e is PipelineStopped, stop);

        var jobs = sample.Engine.Run(new RunRequest { Mappings = new[] { "CUSTOMER" } }, progress, stop.Token).ToList();

        var job = Assert.Single(jobs);                                   // the From pass does not start
        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.InRange(job.Inserted, 1, 499);                             // stopped part-way, after a whole page
        Assert.Equal(0, job.Inserted % 50);
        Assert.Null(sample.Engine.Store.Leases.Holder("CUSTOMER"));      // the mapping is free again
        Assert.Null(sample.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);
        var rest = sample.Engine.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = SyncDirection.ToIntegrationTable }).Single();
        Assert.Equal(503 - job.Inserted, rest.Inserted);                 // the next run picks up the rest (503 unblocked)
    }

    [Fact]
    public void Any_other_failure_of_the_writer_is_not_swallowed()
    {
        using var stop = new CancellationTokenSource();
        var progress = new ProgressForwarder(_ => throw new InvalidOperationException("bug"), e => e is OperationCanceledException, stop);
        Assert.Throws<InvalidOperationException>(() => progress.Report(new SyncProgress("M", SyncDirection.ToIntegrationTable, "changes", 1, 0, 0, 0)));
        Assert.False(stop.IsCancellationRequested);
    }
}
