using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

public class ErrorLogTests
{
    private static SyncError Error(string mapping, DateTime at, long? job = null, string message = "boom") =>
        new() { Mapping = mapping, Direction = SyncDirection.ToIntegrationTable, JobId = job, Message = message, SourceTable = "Customer", SourceKey = "1", CreatedAt = at };

    [Fact]
    public void Errors_older_than_seven_days_are_deleted_while_newer_ones_stay()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        using var dir = new TempDirectory();
        using var engine = SyncEngine.Open(dir.File("store.db"), new EngineOptions { Clock = clock });
        var now = clock.Now.UtcDateTime;
        foreach (var days in new[] { 30, 8, 7.01, 6.99, 1, 0 })
            engine.Store.Errors.Add(Error("CUSTOMER", now.AddDays(-days), message: $"{days} days old"));

        var removed = engine.RemoveErrorsOlderThan(TimeSpan.FromDays(7));

        Assert.Equal(3, removed);
        Assert.Equal(new[] { "0 days old", "1 days old", "6.99 days old" }, engine.GetErrors(new()).Select(e => e.Message));
    }

    [Fact]
    public void The_log_filters_by_mapping_job_time_range_and_newest()
    {
        using var dir = new TempDirectory();
        using var engine = SyncEngine.Open(dir.File("store.db"));
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 10; i++) engine.Store.Errors.Add(Error(i % 2 == 0 ? "A" : "B", t0.AddHours(i), job: i / 5 + 1, message: "e" + i));

        Assert.Equal(5, engine.GetErrors(new() { Mappings = new[] { "A" } }).Count());
        Assert.Equal(new[] { "e4", "e3", "e2", "e1", "e0" }, engine.GetErrors(new() { JobId = 1 }).Select(e => e.Message));
        Assert.Equal(new[] { "e5", "e4", "e3" }, engine.GetErrors(new() { After = t0.AddHours(3), Before = t0.AddHours(6) }).Select(e => e.Message));
        Assert.Equal(new[] { "e9", "e8" }, engine.GetErrors(new() { Newest = 2 }).Select(e => e.Message));
    }

    [Fact]
    public void A_long_log_streams_in_pages_and_can_be_purged_while_it_is_read()
    {
        using var dir = new TempDirectory();
        using var engine = SyncEngine.Open(dir.File("store.db"));
        engine.Store.InTransaction(() =>
        {
            for (var i = 0; i < 2500; i++) engine.Store.Errors.Add(Error("A", DateTime.UtcNow, message: "e" + i));
        });

        var newest = engine.GetErrors(new() { Newest = 1200 }).ToList(); // spans two pages
        Assert.Equal(1200, newest.Count);
        Assert.Equal(("e2499", "e1300"), (newest[0].Message, newest[^1].Message));

        var seen = 0;
        foreach (var error in engine.GetErrors(new()))
        {
            Assert.Equal("e" + (2499 - seen), error.Message);
            engine.RemoveErrors(new[] { error.Id }); // as Get-SyncError | Remove-SyncError would
            seen++;
        }

        Assert.Equal(2500, seen);
        Assert.Empty(engine.GetErrors(new()));
    }

    [Fact]
    public void Purging_all_or_chosen_entries()
    {
        using var dir = new TempDirectory();
        using var engine = SyncEngine.Open(dir.File("store.db"));
        for (var i = 0; i < 6; i++) engine.Store.Errors.Add(Error(i < 3 ? "A" : "B", DateTime.UtcNow));
        var ids = engine.GetErrors(new() { Mappings = new[] { "B" } }).Select(e => e.Id).Take(2).ToList();

        Assert.Equal(2, engine.RemoveErrors(ids));
        Assert.Equal(3, engine.RemoveAllErrors(new[] { "A" }));
        Assert.Equal(1, engine.RemoveAllErrors());
        Assert.Empty(engine.GetErrors(new()));
    }

    [Fact]
    public void Purging_the_log_never_blanks_a_skipped_records_reason()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();
        s.Crm.Execute("DELETE FROM account");
        s.EditCustomer("10000", ("Name", "x"));
        s.Run();
        s.Run();

        s.Engine.RemoveAllErrors();

        var skipped = Assert.Single(s.Engine.Skipped.List());
        Assert.Contains("no longer exists", skipped.Reason);
        Assert.Contains("no longer exists", skipped.LastError);
    }
}
