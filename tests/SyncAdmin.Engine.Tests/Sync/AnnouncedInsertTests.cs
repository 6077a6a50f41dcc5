using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

/// <summary>A first insert is announced in a row of its own (announced_inserts) and its coupling is written once, as
/// confirming it will make it: between the announcement and the confirmation every reader still sees an unconfirmed
/// insert, and confirming changes nothing in the coupling's row.</summary>
public class AnnouncedInsertTests
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

    private static SyncRunner Runner(SyncScenario s, Action<string> checkpoint) =>
        new(s.Engine.Store, () => new DatabaseTableOpener(s.Engine.Store.Mappings, null)) { Checkpoint = checkpoint };

    [Fact]
    public void A_first_insert_is_written_once_and_confirmed_by_ending_its_announcement()
    {
        using var s = new SyncScenario("batchSize: 3");
        for (var i = 0; i < 5; i++) s.AddCustomer($"1000{i}", "C" + i);
        List<object?[]>? atIntent = null;
        List<object?[]>? announcedAtIntent = null;
        (long, long, long)? countsAtIntent = null;
        List<Coupling>? seenAtIntent = null;
        var runner = Runner(s, point =>
        {
            if (point != "intent-recorded" || atIntent is not null) return;
            atIntent = Rows(s.StorePath, "SELECT * FROM couplings ORDER BY id");
            announcedAtIntent = Rows(s.StorePath, "SELECT coupling_id, job, pass FROM announced_inserts ORDER BY coupling_id");
            countsAtIntent = s.Engine.Store.Couplings.Counts("CUSTOMER");
            seenAtIntent = s.Engine.Store.Couplings.All("CUSTOMER", skippedOnly: false).ToList();
        });

        var jobs = runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).ToList();

        // Announced: three rows for the first page, none of them counted as coupled, each seen as a Pending insert.
        Assert.Equal(3, atIntent!.Count);
        Assert.Equal(3, announcedAtIntent!.Count);
        Assert.All(announcedAtIntent, a => Assert.Equal(jobs.Single().Id, a[1]));
        Assert.Equal((0L, 0L, 0L), countsAtIntent);
        Assert.All(seenAtIntent!, c =>
        {
            Assert.Equal(new PendingIntent(PendingOperation.Insert, To, jobs.Single().Id), c.Pending);
            Assert.Equal(SyncResult.Pending, c.To.Result);
            Assert.Null(c.SyncedAt);
        });
        // Confirmed: the announcements are gone, the coupling rows are exactly as the announcement wrote them.
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM announced_inserts"));
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
    public void A_first_insert_the_destination_rejects_ends_its_announcement_with_the_failure()
    {
        using var s = new SyncScenario("batchSize: 3",
            crmSchema: SyncScenario.CrmSchema + "; CREATE TRIGGER refuse BEFORE INSERT ON account WHEN NEW.name = 'Refused' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END;");
        s.AddCustomer("10000", "Accepted");
        s.AddCustomer("10001", "Refused");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal(1, job.Inserted);
        Assert.Equal(1, job.Failed);
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM announced_inserts"));
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
        var runner = Runner(s, point => { if (point == "destination-committed") throw new SimulatedCrashException(point); });
        Assert.Throws<SimulatedCrashException>(() => runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).ToList());
        s.Reopen();

        var announced = Rows(s.StorePath, "SELECT coupling_id, job FROM announced_inserts");
        Assert.Equal(2, announced.Count);
        var keys = s.Engine.Store.Couplings.All("CUSTOMER", false).Select(c => c.IntegrationKey!).ToList();
        Assert.Empty(s.Engine.Store.Couplings.EchoStamps("CUSTOMER", Side.Integration, SyncDirection.FromIntegrationTable, keys));
        Assert.Equal(1, s.Engine.Store.Jobs.Interrupt("CUSTOMER", "the test's crash"));
        var purge = s.Engine.Store.Jobs.Purge(DateTime.UtcNow.AddDays(1), null, null, includeReferenced: false);
        Assert.Equal(new JobPurge(0, 1), purge); // the announcing job is what recovery reports the inserts under

        s.Run();
        Assert.Empty(Rows(s.StorePath, "SELECT * FROM announced_inserts"));
        Assert.Equal(2, s.Crm.Count("account"));
        Assert.Equal((2L, 0L, 0L), s.Engine.Store.Couplings.Counts("CUSTOMER"));
    }

    [Fact]
    public void Removing_a_mapping_removes_its_announcements()
    {
        using var s = new SyncScenario("batchSize: 2");
        s.AddCustomer("10000", "C0");
        var runner = Runner(s, point => { if (point == "intent-recorded") throw new SimulatedCrashException(point); });
        Assert.Throws<SimulatedCrashException>(() => runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).ToList());
        s.Reopen();
        Assert.Single(Rows(s.StorePath, "SELECT * FROM announced_inserts"));

        s.Engine.Store.Mappings.Remove("CUSTOMER");

        Assert.Empty(Rows(s.StorePath, "SELECT * FROM announced_inserts"));
    }
}
