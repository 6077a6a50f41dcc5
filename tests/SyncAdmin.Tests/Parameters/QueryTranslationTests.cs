using SyncAdmin.Engine.Configuration;
using SyncAdmin.Parameters;

namespace SyncAdmin.Tests.Parameters;

/// <summary>Get-SyncError, Get-SyncJob and Invoke-RecordSync parameters as engine queries and requests.</summary>
public class QueryTranslationTests
{
    private static readonly MappingNameSelection Customer = MappingNameSelection.Select(new[] { "CUSTOMER", "CURRENCY" }, new[] { "CUSTOMER" });
    private static readonly MappingNameSelection All = MappingNameSelection.Select(new[] { "CUSTOMER", "CURRENCY" }, null);

    [Fact]
    public void Times_without_a_zone_are_local_and_reach_the_engine_as_UTC()
    {
        var local = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Unspecified);
        var query = new LogFilter { After = local }.ToErrorQuery(All);
        Assert.Equal(DateTimeKind.Utc, query.After!.Value.Kind);
        Assert.Equal(DateTime.SpecifyKind(local, DateTimeKind.Local).ToUniversalTime(), query.After);
        var utc = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(utc, new LogFilter { Before = utc }.ToJobQuery(All).Before);
    }

    [Fact]
    public void Error_filter_passes_mapping_names_job_and_count()
    {
        var query = new LogFilter { JobId = 12, Newest = 5, Keys = RecordKeys.Of("10000", "") }.ToErrorQuery(Customer);
        Assert.Equal(new[] { "CUSTOMER" }, query.Mappings);
        Assert.Equal(12, query.JobId);
        Assert.Equal(5, query.Newest);
        Assert.Equal(("10000", (string?)null), (query.LocalKey, query.IntegrationKey));
        Assert.Null(new LogFilter().ToErrorQuery(All).Mappings);
    }

    [Fact]
    public void Job_filter_passes_id_and_count()
    {
        var query = new LogFilter { Ids = new[] { 3L }, Newest = 1 }.ToJobQuery(Customer);
        Assert.Equal((3L, 1), (query.Ids!.Single(), query.Newest!.Value));
        Assert.Equal(new[] { "CUSTOMER" }, query.Mappings);
    }

    [Fact]
    public void A_run_request_carries_the_chosen_mappings_direction_and_dry_run()
    {
        var request = new SyncRunOptions { Direction = SyncDirection.ToIntegrationTable, Full = true }.ToRunRequest(new[] { "CUSTOMER" }, preview: true);
        Assert.Equal(new[] { "CUSTOMER" }, request.Mappings);
        Assert.Equal(SyncDirection.ToIntegrationTable, request.Direction);
        Assert.True(request.Full);
        Assert.True(request.Preview);
        Assert.Null(request.Keys);
        Assert.Null(request.WaitForLease);
    }

    [Fact]
    public void Wait_waits_thirty_minutes_unless_a_timeout_is_given_and_a_timeout_alone_implies_wait()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), new SyncRunOptions { Wait = true }.ToRunRequest(new[] { "A" }, false).WaitForLease);
        Assert.Equal(TimeSpan.FromMinutes(2), new SyncRunOptions { WaitTimeout = TimeSpan.FromMinutes(2) }.ToRunRequest(new[] { "A" }, false).WaitForLease);
    }

    [Fact]
    public void Keys_need_exactly_one_mapping()
    {
        var keys = new SyncRunOptions { Keys = new[] { "10000" } };
        Assert.Null(keys.Problem(new[] { "CUSTOMER" }));
        Assert.Contains("exactly one mapping", keys.Problem(new[] { "CUSTOMER", "CURRENCY" }));
        Assert.Equal(new[] { "10000" }, keys.ToRunRequest(new[] { "CUSTOMER" }, false).Keys);
        Assert.Null(new SyncRunOptions().Problem(new[] { "CUSTOMER", "CURRENCY" }));
    }

    [Fact]
    public void A_direction_a_one_way_mapping_does_not_allow_is_reported_for_that_mapping()
    {
        var from = new SyncRunOptions { Direction = SyncDirection.FromIntegrationTable };
        Assert.Equal("Mapping 'CURRENCY' is ToIntegrationTable; it cannot run FromIntegrationTable.", from.Blocked("CURRENCY", SyncDirection.ToIntegrationTable));
        Assert.Null(from.Blocked("CUSTOMER", SyncDirection.Bidirectional));
        Assert.Null(new SyncRunOptions().Blocked("CURRENCY", SyncDirection.ToIntegrationTable));
        Assert.Null(new SyncRunOptions { Direction = SyncDirection.Bidirectional }.Blocked("CURRENCY", SyncDirection.ToIntegrationTable));
    }
}
