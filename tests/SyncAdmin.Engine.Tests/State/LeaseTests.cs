using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.State;

/// <summary>Leases: held by a run's token (runs that look alike are never one), taken over at once from a holder that is
/// provably dead and only at expiry otherwise, jobs of a dead run marked Interrupted, and a run that lost its lease —
/// paused past the expiry while another run took over — writing nothing more, its late write harmless.</summary>
public class LeaseTests
{
    private static readonly TimeSpan Five = TimeSpan.FromMinutes(5);

    [Fact]
    public void Two_runs_that_look_alike_never_share_a_lease_and_one_never_releases_the_others()
    {
        using var dir = new TempDirectory();
        using var store = StateStore.Open(dir.File("s.db"));
        // Two containers: the same host name, pwsh as PID 1 in each, distinct PID namespaces.
        var first = new ProcessIdentity("runner|boot b|pid:[4026531836]", 1, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var second = first with { Machine = "runner|boot b|pid:[4026532201]" };

        var lease = store.Leases.Acquire("M", "runner (process 1)", Five, first);
        var refused = Assert.Throws<LeaseHeldException>(() => store.Leases.Acquire("M", "runner (process 1)", Five, second));
        Assert.Contains("runner (process 1)", refused.Message);

        store.Leases.Release(lease with { Token = Guid.NewGuid().ToString("N") }); // another run's release
        Assert.NotNull(store.Leases.Holder("M"));
        store.Leases.Release(lease);
        Assert.Null(store.Leases.Holder("M"));
    }

    [Fact]
    public void A_lease_of_a_dead_process_on_this_machine_is_taken_over_at_once_and_its_running_jobs_are_marked_Interrupted()
    {
        using var s = new SyncScenario();
        // A killed run on this machine: its pid names no process any more (above any pid Linux hands out).
        var dead = ProcessIdentity.Current with { ProcessId = 4_194_305 };
        Assert.True(dead.IsProvablyDead());
        s.Engine.Store.Leases.Acquire("CUSTOMER", "killed run", Five, dead);
        var orphan = new SyncJob { Mapping = "CUSTOMER", Direction = SyncDirection.ToIntegrationTable };
        s.Engine.Store.Jobs.Start(orphan);
        s.AddCurrency("EUR", "Euro");
        s.AddCustomer("10000", "Adatum");

        var jobs = s.Run();

        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        var interrupted = s.Engine.GetJobs(new JobQuery { Ids = new[] { orphan.Id } }).Single();
        Assert.Equal(JobStatus.Interrupted, interrupted.Status);
        Assert.Contains("killed run", interrupted.Message);
        Assert.NotNull(interrupted.FinishedAt);
    }

    [Fact]
    public void A_reused_pid_is_a_different_process_and_a_holder_elsewhere_is_never_provably_dead()
    {
        var me = ProcessIdentity.Current;
        Assert.False(me.IsProvablyDead());
        Assert.True((me with { StartedUtc = me.StartedUtc.AddMinutes(-3) }).IsProvablyDead());
        Assert.False((me with { Machine = "elsewhere|boot x" , ProcessId = 999999 }).IsProvablyDead());
    }

    [Fact]
    public void A_live_holder_on_another_machine_keeps_its_lease_until_it_expires()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var dir = new TempDirectory();
        using var store = StateStore.Open(dir.File("s.db"), clock);
        var elsewhere = new ProcessIdentity("worker-7|boot y", 4242, DateTime.UtcNow);
        store.Leases.Acquire("M", "worker-7 (process 4242)", Five, elsewhere);
        Assert.Throws<LeaseHeldException>(() => store.Leases.Acquire("M", "me", Five));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("me", store.Leases.Acquire("M", "me", Five).Owner);
    }

    [Fact]
    public void A_run_paused_after_announcing_a_page_past_its_lease_writes_nothing_more_and_its_late_write_is_harmless()
    {
        using var s = new SyncScenario("batchSize: 3");
        for (var i = 0; i < 7; i++) s.AddCustomer($"1000{i}", "C" + i);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var paused = new ManualResetEventSlim();
        var resume = new ManualResetEventSlim();
        using var first = SyncEngine.Open(s.StorePath, new EngineOptions());
        var firstRunner = new SyncRunner(first.Store, () => new DatabaseTableOpener(first.Store.Mappings, null))
        {
            Owner = "paused worker",
            Checkpoint = p =>
            {
                if (p != "intent-recorded" || paused.IsSet) return;
                paused.Set();   // announced its first page: now it stalls (SIGSTOP, a frozen VM) ...
                resume.Wait();  // ... until the test lets it go on
            },
        };
        List<SyncJob>? firstJobs = null;
        var stalled = new Thread(() => firstJobs = firstRunner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = SyncDirection.ToIntegrationTable }).ToList());
        stalled.Start();
        Assert.True(paused.Wait(TimeSpan.FromSeconds(30)));

        // Six minutes later another worker finds the lease expired, takes the mapping over, redoes the announced page and
        // finishes the run.
        clock.Advance(TimeSpan.FromMinutes(6));
        using var second = SyncEngine.Open(s.StorePath, new EngineOptions { Clock = clock });
        var secondRunner = new SyncRunner(second.Store, () => new DatabaseTableOpener(second.Store.Mappings, null)) { Owner = "second worker" };
        var taken = secondRunner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = SyncDirection.ToIntegrationTable }).Single();
        Assert.Equal(JobStatus.Succeeded, taken.Status);
        Assert.Equal(7, s.Crm.Count("account"));

        // The second worker's next run holds the mapping when the stalled run wakes up: its insert of the page it announced
        // collides with the redone rows, and it stops at its next store transaction, naming the run that holds the mapping.
        var next = second.Store.Leases.Acquire("CUSTOMER", "second worker", TimeSpan.FromMinutes(5));
        resume.Set();
        Assert.True(stalled.Join(TimeSpan.FromSeconds(30)));
        var late = Assert.Single(firstJobs!);
        Assert.Equal(JobStatus.Failed, late.Status);
        Assert.Contains("lost its lease", late.Message);
        Assert.Contains("second worker", late.Message);
        Assert.DoesNotContain("(nobody)", late.Message);
        second.Store.Leases.Release(next);

        Assert.Equal(7, s.Crm.Count("account"));
        Assert.Equal(7, s.Crm.Rows("account").Select(r => r["accountnumber"]).Distinct().Count());
        var couplings = s.Engine.Couplings.List("CUSTOMER").ToList();
        Assert.Equal(7, couplings.Count);
        var accounts = s.Crm.Rows("account").Select(r => (string)r["accountid"]!).ToHashSet();
        Assert.All(couplings, c => Assert.Contains(c.IntegrationKey!, accounts)); // no coupling to an account that never existed
        Assert.All(couplings, c => Assert.Null(c.Pending));
        Assert.Equal(0, s.Run().Sum(j => j.Inserted + j.Failed));
    }
}
