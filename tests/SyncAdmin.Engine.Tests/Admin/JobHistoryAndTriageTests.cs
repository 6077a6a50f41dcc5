using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

/// <summary>Job history purge (what stays and why) and error triage (summary by cause, filters).</summary>
public class JobHistoryAndTriageTests
{
    [Fact]
    public void Old_jobs_go_except_those_an_error_a_skipped_record_or_a_run_still_needs()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
        using var s = new SyncScenario(options: new EngineOptions { Clock = clock });
        s.AddCustomer("10000", "Adatum");
        s.AddCustomer("20000", "Broken", currency: "XXX"); // fails twice → skipped, its reason names the job
        s.Run();
        clock.Advance(TimeSpan.FromDays(1));
        s.Run();
        clock.Advance(TimeSpan.FromDays(60));
        s.Run(); // recent jobs
        var jobs = s.Engine.GetJobs(new JobQuery());
        var old = jobs.Where(j => j.StartedAt < clock.Now.AddDays(-30)).ToList();
        var referenced = s.Engine.GetErrors(new ErrorQuery()).Select(e => e.JobId).Concat(
            s.Engine.Skipped.List().SelectMany(r => new[] { s.Engine.Store.Couplings.FindById(r.CouplingId)!.To.JobId })).OfType<long>().ToHashSet();
        Assert.Contains(old, j => referenced.Contains(j.Id));
        Assert.Contains(old, j => !referenced.Contains(j.Id));

        var purge = s.Engine.RemoveJobsOlderThan(TimeSpan.FromDays(30), null, includeReferenced: false);

        Assert.Equal(old.Count(j => !referenced.Contains(j.Id)), purge.Removed);
        Assert.Equal(old.Count(j => referenced.Contains(j.Id)), purge.KeptReferenced);
        var left = s.Engine.GetJobs(new JobQuery()).Select(j => j.Id).ToHashSet();
        Assert.All(old.Where(j => referenced.Contains(j.Id)), j => Assert.Contains(j.Id, left));
        Assert.All(jobs.Where(j => j.StartedAt >= clock.Now.AddDays(-30)), j => Assert.Contains(j.Id, left));

        var forced = s.Engine.RemoveJobsOlderThan(TimeSpan.FromDays(30), null, includeReferenced: true);
        Assert.Equal(purge.KeptReferenced, forced.Removed);
        Assert.Equal(0, forced.KeptReferenced);
        Assert.NotEmpty(s.Engine.Skipped.List()); // the reason lives on the coupling: removing its job never blanks it
        Assert.All(s.Engine.Skipped.List(), r => Assert.False(string.IsNullOrEmpty(r.Reason)));
    }

    [Fact]
    public void A_running_job_is_never_removed_and_jobs_of_other_mappings_stay()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
        using var dir = new TempDirectory();
        using var engine = SyncEngine.Open(dir.File("store.db"), new EngineOptions { Clock = clock });
        var running = new SyncJob { Mapping = "A", Direction = SyncDirection.ToIntegrationTable };
        engine.Store.Jobs.Start(running);
        var done = new SyncJob { Mapping = "A", Direction = SyncDirection.ToIntegrationTable };
        engine.Store.Jobs.Start(done);
        engine.Store.Jobs.Finish(done, JobStatus.Succeeded);
        var other = new SyncJob { Mapping = "B", Direction = SyncDirection.ToIntegrationTable };
        engine.Store.Jobs.Start(other);
        engine.Store.Jobs.Finish(other, JobStatus.Succeeded);
        clock.Advance(TimeSpan.FromDays(90));

        var purge = engine.RemoveJobsOlderThan(TimeSpan.FromDays(30), new[] { "A" }, includeReferenced: true);

        Assert.Equal(1, purge.Removed);
        Assert.Equal(new[] { other.Id, running.Id }, engine.GetJobs(new JobQuery()).Select(j => j.Id));
        Assert.Equal(0, engine.RemoveJobs(new[] { running.Id }, includeReferenced: true).Removed);
    }

    [Fact]
    public void The_summary_groups_errors_by_mapping_and_cause_with_keys_and_values_taken_out()
    {
        using var s = new SyncScenario();
        for (var i = 0; i < 5; i++) s.AddCustomer($"{10000 + i}", "C" + i, currency: i < 3 ? "XXX" : "YYY");
        s.Run();

        var summary = s.Engine.SummarizeErrors(new ErrorQuery());

        var lookup = Assert.Single(summary);
        Assert.Equal(5, lookup.Count);
        Assert.Equal(("CUSTOMER", SyncErrorCategory.Record, SyncDirection.ToIntegrationTable), (lookup.Mapping, lookup.Category, lookup.Direction));
        Assert.Equal("CurrencyCode '…' must be coupled to a record in mapping CURRENCY before Customer <key> can be synchronized.", lookup.Cause);
        Assert.True(lookup.FirstSeen <= lookup.LastSeen);
        Assert.Equal(lookup.LastSeen, lookup.Latest.CreatedAt);
    }

    [Theory]
    [InlineData("Cannot insert duplicate key row in object 'dbo.account' with unique index 'ix'. The duplicate key value is (10000).", "10000", null,
        "Cannot insert duplicate key row in object '…' with unique index '…'. The duplicate key value is (<key>).")]
    [InlineData("The value 12.5 of Customer.Balance2 does not fit", "C1", null, "The value # of Customer.Balance2 does not fit")]
    [InlineData("Record 3f2504e0-4f89-11d3-9a0c-0305e82c3301 changed at 2026-11-30T10:00:00.123Z", "x", null, "Record # changed at #")]
    [InlineData("Customer 10000 and account 3F2504E0-4F89-11D3-9A0C-0305E82C3301", "10000", "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
        "Customer <key> and account <key>")]
    public void A_cause_is_the_message_without_what_varies_per_record(string message, string? source, string? destination, string cause)
    {
        var error = new SyncError { Mapping = "M", Message = message, SourceKey = source, DestinationKey = destination };
        Assert.Equal(cause, ErrorSummaries.Cause(error));
    }

    [Fact]
    public void Hostile_messages_and_keys_group_without_stalling_or_throwing()
    {
        var huge = string.Concat(Enumerable.Repeat("'a' 1 ", 200_000)); // 1.2 MB of quoted values and numbers
        var error = new SyncError { Mapping = "M", Message = huge, SourceKey = "(.*)+[", DestinationKey = "" };
        var cause = ErrorSummaries.Cause(error);
        Assert.DoesNotContain("'a'", cause);
        Assert.Equal("Key <key> failed", ErrorSummaries.Cause(new SyncError { Mapping = "M", Message = "Key (.*)+[ failed", SourceKey = "(.*)+[" }));
        Assert.Equal("キー <key> — '…'", ErrorSummaries.Cause(new SyncError { Mapping = "M", Message = "キー Ünï-キー — 'Ωμέγα'", SourceKey = "Ünï-キー" }));
        var summary = ErrorSummaries.Of(new[] { error, new SyncError { Mapping = "M", Message = "", SourceKey = null } });
        Assert.Equal(2, summary.Count);
    }

    [Fact]
    public void Errors_filter_by_category_and_direction()
    {
        using var dir = new TempDirectory();
        using var engine = SyncEngine.Open(dir.File("store.db"));
        engine.Store.Errors.Add(new SyncError { Mapping = "A", Direction = SyncDirection.ToIntegrationTable, Message = "record to" });
        engine.Store.Errors.Add(new SyncError { Mapping = "A", Direction = SyncDirection.FromIntegrationTable, Message = "record from" });
        engine.Store.Errors.Add(new SyncError { Mapping = "A", Direction = SyncDirection.FromIntegrationTable, Message = "setup", Category = SyncErrorCategory.Setup });

        Assert.Equal(new[] { "setup" }, engine.GetErrors(new ErrorQuery { Category = SyncErrorCategory.Setup }).Select(e => e.Message));
        Assert.Equal(new[] { "setup", "record from" }, engine.GetErrors(new ErrorQuery { Direction = SyncDirection.FromIntegrationTable }).Select(e => e.Message));
        Assert.Equal(new[] { "record from" },
            engine.GetErrors(new ErrorQuery { Direction = SyncDirection.FromIntegrationTable, Category = SyncErrorCategory.Record }).Select(e => e.Message));
    }
}
