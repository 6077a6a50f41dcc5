using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

/// <summary>Write intents live in a table of their own (intents): announcing a write adds a row there and leaves the
/// coupling's row alone; a first insert's coupling is written once, as confirming will make it. Between announcement and
/// confirmation every reader still sees the write as unconfirmed.</summary>
public class IntentTableTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;

    private static List<object?[]> Rows(string storePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row.Select(v => v is DBNull ? null : v).ToArray());
        }
        return rows;
    }

    [Fact]
    public void A_first_insert_is_written_once_and_confirmed_by_deleting_its_intent()
    {
        using var s = new SyncScenario("batchSize: 3");
        for (var i = 0; i < 5; i++) s.AddCustomer($"1000{i}", "C" + i);
        List<object?[]>? atIntent = null;
        List<object?[]>? announcedAtIntent = null;
        (long, long, long)? countsAtIntent = null;
        List<Coupling>? seenAtIntent = null;
        var runner = s.Runner(point =>
        {
            if (point != "intent-recorded" || atIntent is not null) return;
            atIntent = Rows(s.StorePath, "SELECT * FROM couplings ORDER BY id");
            announcedAtIntent = Rows(s.StorePath, "SELECT coupling_id, job, confirmed_row FROM intents ORDER BY coupling_id");
            countsAtIntent = s.Engine.Store.Couplings.Counts("CUSTOMER");
            seenAtIntent = s.Engine.Store.Couplings.All("CUSTOMER", skippedOnly: false).ToList();
        });

        var jobs = runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).ToList();

        // Announced: three rows for the first page, none of them counted as coupled, each seen as a Pending insert.
        Assert.Equal(3, atIntent!.Count);
        Assert.Equal(3, announcedAtIntent!.Count);
        Assert.All(announcedAtIntent, a => Assert.Equal(jobs.Single().Id, a[1]));
        Assert.All(announcedAtIntent, a => Assert.Equal(1L, a[2]));
        Assert.Equal((0L, 0L, 0L), countsAtIntent);
        Assert.All(seenAtIntent!, c =>
        {
            Assert.Equal(new PendingIntent(PendingOperation.Insert, To, jobs.Single().Id), c.Pending);
            Assert.Equal(SyncResult.Pending, c.To.Result);
            Assert.Null(c.SyncedAt);
        });
        // Confirmed: the announcements are gone, the coupling rows are exactly as the announcement wrote them.
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM intents"));
        var after = Rows(s.StorePath, "SELECT * FROM couplings ORDER BY id");
        Assert.Equal(5, after.Count);
        for (var i = 0; i < atIntent.Count; i++) Assert.Equal(atIntent[i], after[i]);
        Assert.All(s.Engine.Couplings.List("CUSTOMER"), c =>
        {
            Assert.Null(c.Pending);
            Assert.Equal(SyncResult.Succeeded, c.To.Result);
            Assert.NotNull(c.SyncedAt);
        });
        Assert.Equal((5L, 0L, 0L), s.Engine.Store.Couplings.Counts("CUSTOMER"));
    }

    [Fact]
    public void A_first_insert_the_destination_rejects_ends_its_intent_with_the_failure()
    {
        using var s = new SyncScenario("batchSize: 3",
            crmSchema: SyncScenario.CrmSchema + "; CREATE TRIGGER refuse BEFORE INSERT ON account WHEN NEW.name = 'Refused' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END;");
        s.AddCustomer("10000", "Accepted");
        s.AddCustomer("10001", "Refused");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal(1, job.Inserted);
        Assert.Equal(1, job.Failed);
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM intents"));
        var refused = s.Engine.Store.Couplings.Find("CUSTOMER", Side.Local, "10001")!;
        Assert.Equal(SyncResult.Failed, refused.To.Result);
        Assert.Null(refused.Pending);
        Assert.Contains("refused by trigger", refused.To.Message);
        Assert.Equal((1L, 0L, 1L), s.Engine.Store.Couplings.Counts("CUSTOMER"));
    }

    [Fact]
    public void An_announced_insert_is_not_taken_for_an_echo_and_its_job_is_not_purged()
    {
        using var s = new SyncScenario("batchSize: 2");
        for (var i = 0; i < 2; i++) s.AddCustomer($"1000{i}", "C" + i);
        s.CrashAt("destination-committed");

        var announced = Rows(s.StorePath, "SELECT coupling_id, job FROM intents");
        Assert.Equal(2, announced.Count);
        var keys = s.Engine.Store.Couplings.All("CUSTOMER", false).Select(c => c.IntegrationKey!).ToList();
        Assert.Empty(s.Engine.Store.Couplings.EchoStamps("CUSTOMER", Side.Integration, SyncDirection.FromIntegrationTable, keys));
        Assert.Equal(1, s.Engine.Store.Jobs.Interrupt("CUSTOMER", "the test's crash"));
        var purge = s.Engine.Store.Jobs.Purge(DateTime.UtcNow.AddDays(1), null, null, includeReferenced: false);
        Assert.Equal(new JobPurge(0, 1), purge); // the announcing job is what recovery reports the inserts under

        s.Run();
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM intents"));
        Assert.Equal(2, s.Crm.Count("account"));
        Assert.Equal((2L, 0L, 0L), s.Engine.Store.Couplings.Counts("CUSTOMER"));
    }

    [Fact]
    public void Removing_a_mapping_removes_its_intents()
    {
        using var s = new SyncScenario("batchSize: 2");
        s.AddCustomer("10000", "C0");
        s.CrashAt("intent-recorded");
        Assert.Single(Rows(s.StorePath, "SELECT * FROM intents"));

        s.Engine.Store.Mappings.Remove("CUSTOMER");

        Assert.Empty(Rows(s.StorePath, "SELECT * FROM intents"));
    }

    [Fact]
    public void Announcing_an_update_leaves_the_coupling_row_as_it_was_until_the_result()
    {
        using var s = new SyncScenario("batchSize: 3");
        for (var i = 0; i < 4; i++) s.AddCustomer($"1000{i}", "C" + i);
        s.Run();
        s.EditCustomer("10001", ("Name", "Renamed"));
        var before = Rows(s.StorePath, "SELECT * FROM couplings ORDER BY id");
        List<object?[]>? atIntent = null, intentsAtIntent = null;
        var runner = s.Runner(point =>
        {
            if (point != "intent-recorded" || atIntent is not null) return;
            atIntent = Rows(s.StorePath, "SELECT * FROM couplings ORDER BY id");
            intentsAtIntent = Rows(s.StorePath, "SELECT coupling_id, confirmed_row, intent FROM intents");
        });

        runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).ToList();

        Assert.Equal(before.Count, atIntent!.Count);
        for (var i = 0; i < before.Count; i++) Assert.Equal(before[i], atIntent[i]);
        var intent = Assert.Single(intentsAtIntent!);
        Assert.Equal(0L, intent[1]);
        Assert.Contains("\"Operation\":\"Update\"", (string)intent[2]!);
        Assert.Contains("Renamed", (string)intent[2]!);
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM intents"));
        Assert.Equal("Renamed", s.Account("10001")!["name"]);
        var coupling = s.Engine.Store.Couplings.Find("CUSTOMER", Side.Local, "10001")!;
        Assert.Null(coupling.Pending);
        Assert.Equal("Renamed", coupling.Base(Side.Integration)!.Value("name"));
    }

    [Fact]
    public void An_intent_a_version_3_store_kept_in_its_coupling_row_moves_to_the_intents_and_is_finished()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();
        s.EditCustomer("10000", ("Name", "Must arrive"));
        s.CrashAt("intent-recorded");
        s.Engine.Dispose();
        // What version 3 left after such a crash: the intent in the coupling row, no intents table.
        using (var connection = new SqliteConnection($"Data Source={s.StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE couplings SET pending = (SELECT intent FROM intents WHERE coupling_id = couplings.id),
                                     pending_job = (SELECT job FROM intents WHERE coupling_id = couplings.id);
                DROP TABLE intents;
                CREATE INDEX ix_couplings_pending ON couplings(mapping, id) WHERE pending IS NOT NULL;
                UPDATE store_version SET version = 3;
                """;
            command.ExecuteNonQuery();
        }
        Assert.Single(Rows(s.StorePath, "SELECT id FROM couplings WHERE pending IS NOT NULL"));

        s.Reopen();
        Assert.Single(Rows(s.StorePath, "SELECT coupling_id FROM intents"));
        Assert.Empty(Rows(s.StorePath, "SELECT id FROM couplings WHERE pending IS NOT NULL OR pending_job IS NOT NULL"));
        s.Run();

        Assert.Equal("Must arrive", s.Account("10000")!["name"]);
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM intents"));
    }

    /// <summary>Remove-Coupling takes no lease: another process may remove a coupling between a run's read of it and its
    /// announcement. The announcement must not leave an intent behind, which SQLite would hand, with the coupling's
    /// reused id, to the next coupling made — by hand (New-Coupling) or by a first insert.</summary>
    [Fact]
    public void Announcing_a_write_for_a_coupling_removed_meanwhile_leaves_no_intent_for_its_id()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "A");
        s.AddCustomer("10001", "B");
        s.RunOne("CUSTOMER", To);
        var store = s.Engine.Store;
        var stale = store.Couplings.Find("CUSTOMER", Side.Local, "10001")!; // the highest id: SQLite gives it out again
        using (var other = StateStore.Open(s.StorePath))
            other.Couplings.Delete(other.Couplings.FindById(stale.Id)!);

        stale.Pending = new PendingIntent(PendingOperation.Update, To, 4242);
        store.InDurableTransaction(() => store.Couplings.Save(stale));

        Assert.Empty(Rows(s.StorePath, $"SELECT * FROM intents WHERE coupling_id = {stale.Id}"));
        var made = s.Engine.Couplings.Couple("CUSTOMER", "10001", s.AccountId("10001"));
        Assert.Equal(stale.Id, made.Id);
        Assert.Null(store.Couplings.Find("CUSTOMER", Side.Local, "10001")!.Pending);
    }

    [Fact]
    public void A_run_drops_intents_whose_coupling_is_gone_before_it_couples_anything()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "A");
        s.RunOne("CUSTOMER", To);
        using (var connection = new SqliteConnection($"Data Source={s.StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """INSERT INTO intents(coupling_id, job, intent) VALUES (2, 4242, '{"Operation":"Update","Direction":"ToIntegrationTable","JobId":4242}')""";
            command.ExecuteNonQuery();
        }
        s.AddCustomer("10001", "B");

        var job = s.RunOne("CUSTOMER", To);

        Assert.Equal(1, job.Inserted);
        Assert.Equal(0, job.Failed);
        var coupling = s.Engine.Store.Couplings.Find("CUSTOMER", Side.Local, "10001")!;
        Assert.Equal(2, coupling.Id);
        Assert.Null(coupling.Pending);
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM intents"));
    }
}
