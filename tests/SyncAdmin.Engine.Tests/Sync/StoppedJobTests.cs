using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

/// <summary>A job that stops (a read-only destination, a database that cannot be opened, a store deleted under it) says
/// why in the error log as a setup error naming the connection and its file, never reports a write it did not make as
/// Succeeded, and converges once the cause is gone.</summary>
public class StoppedJobTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;

    private static SyncScenario WithReadOnlyCrm(out string mappings)
    {
        var s = new SyncScenario();
        mappings = File.ReadAllText(s.MappingFile);
        File.WriteAllText(s.MappingFile, mappings.Replace($"Data Source={s.Crm.Path}", $"Data Source={s.Crm.Path};Mode=ReadOnly"));
        s.Engine.ImportMappings(s.MappingFile);
        return s;
    }

    [Fact]
    public void A_read_only_destination_stops_the_job_with_a_setup_error_naming_connection_and_file_and_nothing_counts_as_coupled()
    {
        using var s = WithReadOnlyCrm(out var writable);
        for (var i = 0; i < 4; i++) s.AddCustomer($"1000{i}", "C" + i);

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal(JobStatus.Failed, job.Status);
        var error = Assert.Single(s.Engine.GetErrors(new ErrorQuery { JobId = job.Id }));
        Assert.Equal(SyncErrorCategory.Setup, error.Category);
        Assert.Contains("connection 'crm'", error.Message);
        Assert.Contains(s.Crm.Path, error.Message);
        Assert.Contains("readonly database", error.Message); // SQLite's own reason (Error 8)
        Assert.DoesNotContain("cannot rollback", error.Message);
        Assert.Equal(0, s.Crm.Count("account"));
        Assert.DoesNotContain(s.Engine.Couplings.List("CUSTOMER"), c => c.To.Result == SyncResult.Succeeded);
        Assert.Equal(0, s.Engine.GetMappings().Single(m => m.Name == "CUSTOMER").CoupledCount);
        Assert.Single(s.Engine.Store.Errors.Query(new ErrorQuery { Category = SyncErrorCategory.Setup }));

        File.WriteAllText(s.MappingFile, writable);
        s.Engine.ImportMappings(s.MappingFile);
        var jobs = s.Run();

        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        Assert.Equal(4, s.Crm.Count("account"));
        Assert.Equal(4, s.Crm.Rows("account").Select(r => r["accountnumber"]).Distinct().Count());
        Assert.All(s.Engine.Couplings.List("CUSTOMER"), c => Assert.Equal(SyncResult.Succeeded, c.To.Result));
    }

    [Fact]
    public void A_database_that_cannot_be_opened_is_a_setup_error_of_the_job()
    {
        using var s = new SyncScenario();
        File.WriteAllText(s.MappingFile, File.ReadAllText(s.MappingFile).Replace($"Data Source={s.Crm.Path}", "Data Source=/nonexistent/folder/crm.db"));
        s.Engine.ImportMappings(s.MappingFile);
        s.AddCurrency("EUR", "Euro");

        var job = s.Run().First();

        Assert.Equal(JobStatus.Failed, job.Status);
        var error = Assert.Single(s.Engine.GetErrors(new ErrorQuery { JobId = job.Id }));
        Assert.Equal(SyncErrorCategory.Setup, error.Category);
        Assert.Contains("connection 'crm'", error.Message);
        Assert.Contains("/nonexistent/folder/crm.db", error.Message);
    }

    [Fact]
    public void A_store_deleted_while_a_job_runs_stops_the_job_instead_of_reporting_Succeeded()
    {
        using var s = new SyncScenario("batchSize: 2");
        for (var i = 0; i < 6; i++) s.AddCustomer($"1000{i}", "C" + i);
        var deleted = false;
        var runner = s.Runner(p =>
        {
            if (p != "results-recorded" || deleted) return;
            deleted = true;
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(s.StorePath + suffix);
        });

        var jobs = runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).ToList();

        var job = Assert.Single(jobs);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("was deleted while SyncAdmin was using it", job.Message);
        Assert.False(File.Exists(s.StorePath));
    }

    [Fact]
    public void An_intent_is_committed_durably_and_the_other_commits_are_not_made_to_wait()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        var seen = new List<(string Point, string? Setting)>();
        var runner = s.Runner(p => seen.Add((p, s.Engine.Store.SynchronousSetting())));

        runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = To }).ToList();

        Assert.Contains(("intent-committing", "2"), seen); // FULL while the intent commits
        Assert.Contains(("intent-recorded", "1"), seen);   // NORMAL again for the rest
        Assert.Contains(("results-recorded", "1"), seen);
    }
}

/// <summary>A destination or a store on a disk that fills up mid-run: the job stops naming the cause (the database's own
/// "disk is full"), the database and the connection — never the rollback that failed after it — and once there is room
/// again the next run converges with one counterpart per record.</summary>
public class FullDiskTests
{
    private static string BigName(int i) => $"Customer {i} " + new string('x', 2000);

    [SmallDiskFact]
    public void A_destination_that_fills_up_stops_the_job_naming_the_cause_and_the_next_run_converges()
    {
        using var s = new SyncScenario();
        using var disk = new SmallDisk(256);
        var crm = disk.File("crm.db");
        File.Copy(s.Crm.Path, crm);
        var mappings = File.ReadAllText(s.MappingFile);
        File.WriteAllText(s.MappingFile, mappings.Replace(s.Crm.Path, crm));
        s.Engine.ImportMappings(s.MappingFile);
        for (var i = 0; i < 300; i++) s.AddCustomer($"{10000 + i}", BigName(i));

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", SyncDirection.ToIntegrationTable);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("full", job.Message);
        Assert.Contains("connection 'crm'", job.Message);
        Assert.Contains(crm, job.Message);
        Assert.DoesNotContain("cannot rollback", job.Message);

        // Room again: the database moves to a disk with space, and the next run finishes the work without a duplicate.
        File.Copy(crm, s.Crm.Path, overwrite: true);
        File.WriteAllText(s.MappingFile, mappings);
        s.Engine.ImportMappings(s.MappingFile);
        var jobs = s.Run();
        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        Assert.Equal(300, s.Crm.Count("account"));
        Assert.Equal(300, s.Crm.Rows("account").Select(r => r["accountnumber"]).Distinct().Count());
    }

    [SmallDiskFact]
    public void A_store_that_fills_up_stops_the_job_naming_the_store_and_the_cause()
    {
        using var s = new SyncScenario();
        using var disk = new SmallDisk(512);
        var store = disk.File("store.db");
        s.Engine.Dispose();
        File.Copy(s.StorePath, store);
        using var engine = SyncEngine.Open(store);
        for (var i = 0; i < 300; i++) s.AddCustomer($"{10000 + i}", BigName(i));

        var jobs = engine.Run(new RunRequest()).ToList();

        var failed = Assert.Single(jobs, j => j.Status == JobStatus.Failed);
        Assert.Contains("full", failed.Message);
        Assert.Contains(store, failed.Message);
        Assert.DoesNotContain("cannot rollback", failed.Message);
    }
}
