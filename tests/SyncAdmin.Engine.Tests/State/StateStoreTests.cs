using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.State;

public class StateStoreTests
{
    [Fact]
    public void A_new_store_has_the_latest_schema_and_reopening_is_harmless()
    {
        using var dir = new TempDirectory();
        using (var store = StateStore.Open(dir.File("s.db"))) Assert.Equal(StoreMigrations.LatestVersion, store.SchemaVersion);
        using (var store = StateStore.Open(dir.File("s.db"))) Assert.Equal(StoreMigrations.LatestVersion, store.SchemaVersion);
    }

    [Fact]
    public void An_older_store_is_migrated_in_place_and_keeps_its_data()
    {
        using var dir = new TempDirectory();
        using (var old = StateStore.Open(dir.File("s.db"), null, migrateTo: 1))
        {
            Assert.Equal(1, old.SchemaVersion);
            // Written as the SyncAdmin of schema version 1 wrote it.
            using var insert = old.Command("INSERT INTO errors(mapping, direction, message, created_at) VALUES ('M', 'ToIntegrationTable', 'kept', @t)");
            insert.With("@t", StoreValues.Time(DateTime.UtcNow)).ExecuteNonQuery();
        }
        using var store = StateStore.Open(dir.File("s.db"));
        Assert.Equal(StoreMigrations.LatestVersion, store.SchemaVersion);
        var kept = store.Errors.Query(new()).Single();
        Assert.Equal(("kept", SyncErrorCategory.Record), (kept.Message, kept.Category));
        Assert.Null(store.Leases.Holder("M"));
    }

    [Fact]
    public void A_newer_store_is_refused_with_a_clear_message()
    {
        using var dir = new TempDirectory();
        using (StateStore.Open(dir.File("s.db"))) { }
        using (var connection = new SqliteConnection($"Data Source={dir.File("s.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE store_version SET version = 99";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<StoreVersionException>(() => StateStore.Open(dir.File("s.db")));
        Assert.Contains("schema version 99", e.Message);
        Assert.Contains("Upgrade SyncAdmin", e.Message);
    }

    [Fact]
    public void Couplings_round_trip_with_bases_stamps_and_intent()
    {
        using var dir = new TempDirectory();
        using var store = StateStore.Open(dir.File("s.db"));
        var stamp = new DateTime(2026, 5, 1, 10, 0, 0, 123, DateTimeKind.Utc);
        var coupling = new Coupling
        {
            Mapping = "CUSTOMER",
            LocalKey = "10000",
            IntegrationKey = "a1",
            LocalBase = new FieldValues { ["Name"] = "Adatum", ["Phone"] = null },
            LocalStamp = stamp,
            Pending = new PendingIntent(PendingOperation.Update, SyncDirection.ToIntegrationTable, 7),
        };
        coupling.To.Result = SyncResult.Failed;
        coupling.To.Message = "why";
        store.Couplings.Save(coupling);

        var read = store.Couplings.Find("CUSTOMER", Side.Integration, "a1")!;

        Assert.Equal("Adatum", read.LocalBase!.Value("name"));
        Assert.True(read.LocalBase.ContainsKey("Phone"));
        Assert.Equal(stamp, read.LocalStamp);
        Assert.Equal((SyncResult.Failed, "why"), (read.To.Result, read.To.Message));
        Assert.Equal(PendingOperation.Update, read.Pending!.Operation);
        Assert.Single(store.Couplings.RetryPage("CUSTOMER", SyncDirection.ToIntegrationTable, 0, 10));
        Assert.Empty(store.Couplings.RetryPage("CUSTOMER", SyncDirection.FromIntegrationTable, 0, 10));
    }

    [Fact]
    public void A_save_writes_what_changed_and_everything_again_after_a_rolled_back_transaction()
    {
        using var dir = new TempDirectory();
        using var store = StateStore.Open(dir.File("s.db"));
        var coupling = new Coupling { Mapping = "M", LocalKey = "1", IntegrationKey = "a", LocalBase = new FieldValues { ["Name"] = "Adatum" } };
        store.Couplings.Save(coupling);

        var read = store.Couplings.Find("M", Side.Local, "1")!;
        read.To.Result = SyncResult.Succeeded;
        read.LocalBase = new FieldValues { ["Name"] = "Adatum Corp" };
        store.Couplings.Save(read);
        Assert.Equal((SyncResult.Succeeded, "Adatum Corp"), Snapshot(store));

        Assert.Throws<InvalidOperationException>(() => store.InTransaction(() =>
        {
            read.To.Result = SyncResult.Failed;
            read.To.Message = "lost with the transaction";
            store.Couplings.Save(read);
            throw new InvalidOperationException("the page failed");
        }));
        Assert.Equal((SyncResult.Succeeded, "Adatum Corp"), Snapshot(store));

        store.Couplings.Save(read); // unchanged since the last save, but that save was rolled back
        Assert.Equal((SyncResult.Failed, "Adatum Corp"), Snapshot(store));
        Assert.Equal("lost with the transaction", store.Couplings.FindById(read.Id)!.To.Message);

        static (SyncResult, string?) Snapshot(StateStore store)
        {
            var stored = store.Couplings.Find("M", Side.Local, "1")!;
            return (stored.To.Result, stored.LocalBase!.Value("Name"));
        }
    }

    [Fact]
    public void A_record_is_never_coupled_twice_in_one_mapping()
    {
        using var dir = new TempDirectory();
        using var store = StateStore.Open(dir.File("s.db"));
        store.Couplings.Save(new Coupling { Mapping = "M", LocalKey = "1", IntegrationKey = "a" });
        store.Couplings.Save(new Coupling { Mapping = "OTHER", LocalKey = "1", IntegrationKey = "a" });
        var e = Assert.Throws<SqliteException>(() => store.Couplings.Save(new Coupling { Mapping = "M", LocalKey = "2", IntegrationKey = "a" }));
        Assert.Equal(19, e.SqliteErrorCode); // the sync recognises "coupled already" by this code
        Assert.Throws<SqliteException>(() => store.Couplings.Save(new Coupling { Mapping = "M", LocalKey = "1", IntegrationKey = "b" }));

        var existing = store.Couplings.Find("M", Side.Local, "1")!;
        existing.IntegrationKey = "x";
        store.Couplings.Save(existing);
        var second = new Coupling { Mapping = "M", LocalKey = "2", IntegrationKey = "y" };
        store.Couplings.Save(second);
        second.IntegrationKey = "x";
        Assert.Equal(19, Assert.Throws<SqliteException>(() => store.Couplings.Save(second)).SqliteErrorCode);
        second.IntegrationKey = "z";
        store.Couplings.Save(second); // the statement is usable again after a failure
        Assert.Equal("z", store.Couplings.Find("M", Side.Local, "2")!.IntegrationKey);
    }

    [Fact]
    public void A_lease_refuses_a_second_owner_until_released_or_expired()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var dir = new TempDirectory();
        using var store = StateStore.Open(dir.File("s.db"), clock);
        var lease = store.Leases.Acquire("M", "worker-1", TimeSpan.FromMinutes(5));

        var e = Assert.Throws<LeaseHeldException>(() => store.Leases.Acquire("M", "worker-2", TimeSpan.FromMinutes(5)));
        Assert.Contains("worker-1", e.Message);
        store.Leases.Acquire("OTHER", "worker-2", TimeSpan.FromMinutes(5));

        clock.Advance(TimeSpan.FromMinutes(6)); // worker-1 died: its lease expired
        var takeover = store.Leases.Acquire("M", "worker-2", TimeSpan.FromMinutes(5));
        Assert.Equal("worker-2", takeover.Owner);
        Assert.Throws<LeaseLostException>(() => store.Leases.Renew(lease, TimeSpan.FromMinutes(5)));
        store.Leases.Release(takeover);
        Assert.Null(store.Leases.Holder("M"));
    }

    [Fact]
    public void Watermarks_only_move_forward_and_survive_a_reimport_of_the_same_tables()
    {
        using var s = new SyncScenario();
        var later = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        s.Engine.Store.Mappings.AdvanceWatermark("CUSTOMER", Side.Local, later);
        s.Engine.Store.Mappings.AdvanceWatermark("CUSTOMER", Side.Local, later.AddDays(-1));
        Assert.Equal(later, s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);

        s.Engine.ImportMappings(s.MappingFile);
        Assert.Equal(later, s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);

        File.WriteAllText(s.MappingFile, File.ReadAllText(s.MappingFile).Replace("modifiedOn: LastModifiedAt, filter", "modifiedOn: Blocked, filter"));
        s.Engine.ImportMappings(s.MappingFile);
        Assert.Null(s.Engine.Store.Mappings.Get("CUSTOMER").LocalWatermark);
    }

    [Fact]
    public void Every_time_in_the_store_is_utc_text_with_sub_millisecond_precision()
    {
        using var dir = new TempDirectory();
        using var store = StateStore.Open(dir.File("s.db"));
        var at = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);
        store.Errors.Add(new SyncError { Mapping = "M", Message = "x", CreatedAt = at });
        using var command = store.Command("SELECT created_at FROM errors");
        Assert.Equal("2026-03-04T05:06:07.1234567Z", command.ExecuteScalar());
        Assert.Equal(at, store.Errors.Query(new()).Single().CreatedAt);
    }
}
