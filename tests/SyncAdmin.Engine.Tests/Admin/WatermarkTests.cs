using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

/// <summary>Watermarks in the admin's hands: moved back, forward or cleared, with the records the next run would read.</summary>
public class WatermarkTests
{
    [Fact]
    public void Moving_a_watermark_back_says_how_many_records_the_next_run_reads_and_that_run_reads_them()
    {
        using var s = new SyncScenario();
        for (var i = 0; i < 10; i++) s.AddCustomer($"{10000 + i}", "C" + i);
        s.Run();
        var middle = DateTime.UtcNow;
        Thread.Sleep(20);
        for (var i = 0; i < 3; i++) s.EditCustomer($"{10000 + i}", ("Phone", "edited"));
        s.Run();
        // A change committed late, or stamped by a clock that was behind: its modified-on is older than the watermark,
        // so no incremental run reads it until the watermark is moved back.
        s.Erp.Execute($"UPDATE Customer SET Name = 'Late', LastModifiedAt = '{middle.AddMinutes(-1):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}' WHERE No = '10009'");
        s.Run();
        Assert.NotEqual("Late", s.Account("10009")!["name"]);

        var back = middle.AddMinutes(-5);
        var plan = s.Engine.Watermarks.Plan("CUSTOMER", new WatermarkRequest { Local = back });
        var local = Assert.Single(plan);
        Assert.Equal(Side.Local, local.Side);
        Assert.Equal(10, local.RecordsToRead); // every customer was written less than 5 minutes ago
        Assert.NotEqual(back, s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark); // a plan changes nothing

        var ahead = s.Engine.Watermarks.Plan("CUSTOMER", new WatermarkRequest { Local = DateTime.UtcNow.AddSeconds(30) }).Single();
        Assert.Equal(0, ahead.RecordsToRead);

        var applied = s.Engine.Watermarks.Apply("CUSTOMER", new WatermarkRequest { Local = back }).Single();
        Assert.Equal(back, applied.NewWatermark!.Value.UtcDateTime);
        Assert.Equal(back, s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);
        s.Engine.Run(new() { Mappings = new[] { "CUSTOMER" }, Direction = SyncDirection.ToIntegrationTable, Full = false }).ToList();
        Assert.Equal("Late", s.Account("10009")!["name"]);
    }

    [Fact]
    public void Reset_clears_both_watermarks_and_counts_every_record_of_each_side_a_pass_reads()
    {
        using var s = new SyncScenario();
        s.AddCurrency("EUR", "Euro");
        s.AddCustomer("10000", "A");
        s.AddCustomer("20000", "B", blocked: 1); // outside the filter
        s.Run();

        var plan = s.Engine.Watermarks.Plan("CUSTOMER", new WatermarkRequest { Reset = true });
        Assert.Equal(new long?[] { 1, 1 }, plan.Select(p => p.RecordsToRead));
        Assert.All(plan, p => Assert.Null(p.NewWatermark));
        var currency = s.Engine.Watermarks.Plan("CURRENCY", new WatermarkRequest { Reset = true });
        Assert.Null(currency.Single(p => p.Side == Side.Integration).RecordsToRead); // CURRENCY never reads the CRM side

        s.Engine.Watermarks.Apply("CUSTOMER", new WatermarkRequest { Reset = true });
        var stored = s.Engine.Store.Mappings.Get("CUSTOMER");
        Assert.Null(stored.LocalWatermark);
        Assert.Null(stored.IntegrationWatermark);
    }

    [Fact]
    public void Requests_that_would_lose_changes_or_make_no_sense_are_refused_and_change_nothing()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "A");
        s.Run();
        var before = s.Engine.Store.Mappings.Get("CUSTOMER");

        Assert.Contains("in the future", Assert.Throws<ArgumentException>(() =>
            s.Engine.Watermarks.Apply("CUSTOMER", new WatermarkRequest { Local = DateTime.UtcNow.AddDays(1) })).Message);
        Assert.Contains("cannot be combined", Assert.Throws<ArgumentException>(() =>
            s.Engine.Watermarks.Apply("CUSTOMER", new WatermarkRequest { Reset = true, Local = DateTime.UtcNow })).Message);
        Assert.Throws<ArgumentException>(() => s.Engine.Watermarks.Apply("CUSTOMER", new WatermarkRequest()));
        Assert.Throws<MappingNotFoundException>(() => s.Engine.Watermarks.Apply("NOPE", new WatermarkRequest { Reset = true }));

        var after = s.Engine.Store.Mappings.Get("CUSTOMER");
        Assert.Equal((before.LocalWatermark, before.IntegrationWatermark), (after.LocalWatermark, after.IntegrationWatermark));
    }

    [Fact]
    public void A_watermark_is_not_moved_under_a_running_sync()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "A");
        s.Run();
        s.Engine.Store.Leases.Acquire("CUSTOMER", "another worker", TimeSpan.FromMinutes(5));

        Assert.Throws<LeaseHeldException>(() => s.Engine.Watermarks.Apply("CUSTOMER", new WatermarkRequest { Reset = true }));
        Assert.NotNull(s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);
    }
}
