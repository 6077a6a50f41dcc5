using System.Diagnostics;
using System.Text.Json;
using SyncAdmin.Engine;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Bench;

/// <summary>What a child process measured: the scenario's own Stopwatch time (process start, JIT of the harness and data
/// preparation excluded) and the child's peak working set.</summary>
internal sealed record Measurement
{
    public required string Name { get; init; }
    public long Records { get; init; }
    public double Seconds { get; init; }
    public long PeakWorkingSet { get; init; }
    public long AllocatedBytes { get; init; }
    /// <summary>CPU time of the child during the scenario (all threads): with wall time, shows when the machine was busy.</summary>
    public double CpuSeconds { get; init; }
    public string? Detail { get; init; }
    public Dictionary<string, long> Counts { get; init; } = new();
}

/// <summary>The scenarios a child process runs (<c>--scenario NAME --dir PATH</c>), one per process, so that the peak
/// working set it reports belongs to that scenario alone: a process's peak only ever grows.</summary>
internal static class ChildScenarios
{
    public const string ResultPrefix = "@@bench ";

    public static int Run(BenchOptions options)
    {
        var directory = options.Directory ?? throw new UsageException("--scenario needs --dir.");
        var results = options.Scenario switch
        {
            "raw-copy" => new List<Measurement> { RawCopy(DataSet.At(directory), options.Journal) },
            "insert-select" => new List<Measurement> { InsertSelect(DataSet.At(directory), options.Journal) },
            "sync" => new List<Measurement> { Sync(DataSet.At(directory), options.Direction) },
            "errors" => Errors(directory, options.Errors),
            "compare" => new List<Measurement> { Compare(DataSet.At(directory)) },
            "change" => new List<Measurement> { Change(DataSet.At(directory), options.Changes) },
            "sync-warm" => SyncTwice(DataSet.At(directory), options.Direction, options.Changes),
            "generate" => Generate(directory, options),
            _ => throw new UsageException($"Unknown scenario '{options.Scenario}'."),
        };
        Console.Out.WriteLine(ResultPrefix + JsonSerializer.Serialize(results));
        return 0;
    }

    /// <summary>A fresh data set only (for trying one scenario by hand: --scenario generate, then --scenario sync).</summary>
    private static List<Measurement> Generate(string directory, BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var set = DataSet.Generate(directory, options.Records, options.Journal, options.BatchSize);
        return new List<Measurement> { new() { Name = "generate", Records = set.Records, Seconds = clock.Elapsed.TotalSeconds } };
    }

    private static double CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>The baseline of the initial sync: every source row read and inserted into an empty table of the same shape
    /// (same primary key and index), one transaction, one prepared statement; same journal mode as the sync's databases.</summary>
    private static Measurement RawCopy(DataSet set, string journal)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(set.CopyPath + suffix);
        using var copy = DataSet.Open(set.CopyPath, journal);
        DataSet.Execute(copy, $"CREATE TABLE Customer({DataSet.LocalColumns});" + string.Format(DataSet.LocalIndex, "Customer"));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        long rows = 0;
        using (var source = DataSet.Open(set.LocalPath))
        using (var read = source.CreateCommand())
        using (var transaction = copy.BeginTransaction())
        using (var insert = copy.CreateCommand())
        {
            read.CommandText = "SELECT No, Name, Address, City, Email, Phone, CreditLimit, Balance, Blocked, Priority, CreatedOn, ExternalId, LastModifiedAt FROM Customer";
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO Customer(No, Name, Address, City, Email, Phone, CreditLimit, Balance, Blocked, Priority, CreatedOn, ExternalId, LastModifiedAt)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12)
                """;
            var parameters = Enumerable.Range(0, 13).Select(i => insert.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter { ParameterName = "@p" + i })).ToArray();
            insert.Prepare();
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < parameters.Length; i++) parameters[i].Value = reader.GetValue(i);
                insert.ExecuteNonQuery();
                rows++;
            }
            transaction.Commit();
        }
        clock.Stop();
        cpu = CpuTime() - cpu;
        if (rows != set.Records) throw new InvalidOperationException($"The raw copy read {rows} rows of {set.Records}.");
        return new Measurement
        {
            Name = "raw-copy",
            Records = rows,
            Seconds = clock.Elapsed.TotalSeconds,
            PeakWorkingSet = PeakWorkingSet(),
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated,
            CpuSeconds = cpu,
        };
    }

    /// <summary>The physical limit of a SQLite-to-SQLite copy: the source attached and copied by SQLite itself in one
    /// INSERT … SELECT, no row ever crossing into .NET (same table shape and journal mode as the raw copy).</summary>
    private static Measurement InsertSelect(DataSet set, string journal)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(set.CopyPath + suffix);
        using var copy = DataSet.Open(set.CopyPath, journal);
        DataSet.Execute(copy, $"CREATE TABLE Customer({DataSet.LocalColumns});" + string.Format(DataSet.LocalIndex, "Customer"));
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        DataSet.Execute(copy, $"ATTACH DATABASE '{set.LocalPath.Replace("'", "''")}' AS source");
        using (var transaction = copy.BeginTransaction())
        {
            DataSet.Execute(copy, "INSERT INTO main.Customer SELECT * FROM source.Customer", transaction);
            transaction.Commit();
        }
        clock.Stop();
        cpu = CpuTime() - cpu;
        var rows = DataSet.Scalar(copy, "SELECT count(*) FROM main.Customer");
        if (rows != set.Records) throw new InvalidOperationException($"INSERT … SELECT copied {rows} rows of {set.Records}.");
        return new Measurement
        {
            Name = "insert-select", Records = rows, Seconds = clock.Elapsed.TotalSeconds, PeakWorkingSet = PeakWorkingSet(), CpuSeconds = cpu,
        };
    }

    /// <summary>One engine run of the CUSTOMER mapping (to, from, or both passes), timed from opening the engine to the
    /// last job, as Invoke-RecordSync would do it.</summary>
    private static Measurement Sync(DataSet set, string? direction)
    {
        SyncDirection? pass = direction switch
        {
            "to" => SyncDirection.ToIntegrationTable,
            "from" => SyncDirection.FromIntegrationTable,
            null or "both" => null,
            _ => throw new UsageException("--direction is to, from or both."),
        };
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        using var engine = SyncEngine.Open(set.StorePath);
        var jobs = engine.Run(new RunRequest { Mappings = new[] { DataSet.Mapping }, Direction = pass }).ToList();
        clock.Stop();
        cpu = CpuTime() - cpu;
        var peak = PeakWorkingSet();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        var counts = new Dictionary<string, long>();
        foreach (var job in jobs)
        {
            var prefix = job.Direction == SyncDirection.ToIntegrationTable ? "to." : "from.";
            if (job.Status != JobStatus.Succeeded)
                throw new InvalidOperationException($"The {job.Direction} job ended {job.Status}: {job.Message}");
            counts[prefix + "inserted"] = job.Inserted;
            counts[prefix + "modified"] = job.Modified;
            counts[prefix + "unchanged"] = job.Unchanged;
            counts[prefix + "failed"] = job.Failed;
            counts[prefix + "skipped"] = job.Skipped;
            counts[prefix + "conflicts"] = engine.GetErrors(new ErrorQuery { JobId = job.Id })
                .Count(e => e.Message.Contains("changed on both sides", StringComparison.Ordinal));
            counts[prefix + "errors"] = engine.GetErrors(new ErrorQuery { JobId = job.Id }).Count();
        }
        return new Measurement
        {
            Name = "sync-" + (direction ?? "both"),
            Seconds = clock.Elapsed.TotalSeconds,
            PeakWorkingSet = peak,
            AllocatedBytes = allocated,
            CpuSeconds = cpu,
            Detail = string.Join("; ", jobs.Select(j =>
                $"{(j.Direction == SyncDirection.ToIntegrationTable ? "To" : "From")}: {j.Inserted} inserted, {j.Modified} modified, " +
                $"{j.Unchanged} unchanged, {j.Failed} failed")),
            Counts = counts,
        };
    }

    /// <summary>An incremental run in a fresh process (what a runbook pays), then the same amount of other changes run again
    /// in the same process (warm: code compiled, caches filled), to tell start-up cost from the work itself.</summary>
    private static List<Measurement> SyncTwice(DataSet set, string? direction, int changes)
    {
        var cold = Sync(set, direction);
        set.ChangeLocal(set.Pick(changes, seed: 4), "warm");
        var warm = Sync(set, direction);
        for (var i = int.Parse(Environment.GetEnvironmentVariable("BENCH_EXTRA_WARM") ?? "0"); i > 0; i--)
        {
            set.ChangeLocal(set.Pick(changes, seed: 4 + i), "warm" + i);
            warm = Sync(set, direction);
        }
        return new List<Measurement> { cold, warm with { Name = warm.Name + "-warm" } };
    }

    /// <summary>Edits <paramref name="changes"/> local records as an application would (for trying a scenario by hand:
    /// --scenario change, then --scenario sync).</summary>
    private static Measurement Change(DataSet set, int changes)
    {
        var clock = Stopwatch.StartNew();
        set.ChangeLocal(set.Pick(changes, seed: 1), "changed by hand " + DateTime.UtcNow.Ticks);
        return new Measurement { Name = "change", Records = changes, Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>Compare-SyncedRecord over every coupling and both tables of the mapping, findings counted by kind.</summary>
    private static Measurement Compare(DataSet set)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        using var engine = SyncEngine.Open(set.StorePath);
        var counts = new Dictionary<string, long>();
        foreach (var finding in engine.Reconciliation.Compare(DataSet.Mapping))
            counts[finding.Kind.ToString()] = counts.GetValueOrDefault(finding.Kind.ToString()) + 1;
        clock.Stop();
        cpu = CpuTime() - cpu;
        return new Measurement
        {
            Name = "compare",
            Records = engine.Store.Couplings.Count(DataSet.Mapping),
            Seconds = clock.Elapsed.TotalSeconds,
            PeakWorkingSet = PeakWorkingSet(),
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated,
            CpuSeconds = cpu,
            Detail = counts.Count == 0 ? "no findings" : string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value:N0} {c.Key}")),
            Counts = counts,
        };
    }

    /// <summary>A store whose error log holds <paramref name="count"/> entries, 90 % of them 8 to 30 days old, written through
    /// the engine's ErrorLog in transactions of 50,000 (a settable clock stands in for time passing). Then the two admin reads:
    /// the newest 100 (Get-SyncError -Newest 100, fully enumerated) and the purge (Remove-SyncError -OlderThan 7 days).</summary>
    private static List<Measurement> Errors(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "errors-store.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        var clock = new SettableClock();
        using var engine = SyncEngine.Open(path, new EngineOptions { Clock = clock });
        var now = DateTime.UtcNow;
        var old = count - count / 10;
        var fill = Stopwatch.StartNew();
        const int perTransaction = 50_000;
        for (var first = 0; first < count; first += perTransaction)
        engine.Store.InTransaction(() =>
        {
            for (var i = first; i < Math.Min(count, first + perTransaction); i++)
            {
                clock.UtcNow = i < old
                    ? now.AddDays(-30).AddTicks(TimeSpan.FromDays(22).Ticks / old * i)
                    : now.AddDays(-6).AddTicks(TimeSpan.FromDays(6).Ticks / (count - old + 1) * (i - old));
                var key = DataSet.Key(i % 1_000_000 + 1);
                engine.Store.Errors.Add(new SyncError
                {
                    JobId = 1 + i / 1000,
                    Mapping = i % 3 == 0 ? "ITEM" : DataSet.Mapping,
                    Direction = i % 2 == 0 ? SyncDirection.ToIntegrationTable : SyncDirection.FromIntegrationTable,
                    SourceTable = "Customer",
                    SourceKey = key,
                    DestinationTable = "account",
                    DestinationKey = Guid.NewGuid().ToString("D"),
                    Message = $"Cannot update account because it was also changed since the last synchronization with Customer {key}.",
                    Detail = "Choose the side to keep with Resolve-SkippedRecord -Keep Local|Integration, or set updateConflictResolution.",
                });
            }
        });
        fill.Stop();
        clock.UtcNow = now;

        var watch = Stopwatch.StartNew();
        var newest = engine.GetErrors(new ErrorQuery { Newest = 100 }).ToList();
        watch.Stop();
        if (newest.Count != Math.Min(100, count) || newest.Any(e => e.CreatedAt < now.AddDays(-7)))
            throw new InvalidOperationException("Get-SyncError -Newest 100 did not return the 100 newest errors.");
        var newestSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        var removed = engine.RemoveErrorsOlderThan(TimeSpan.FromDays(7));
        watch.Stop();
        if (removed != old) throw new InvalidOperationException($"The purge removed {removed} errors, not {old}.");
        var left = engine.GetErrors(new ErrorQuery()).Count();
        if (left != count - old) throw new InvalidOperationException($"{left} errors are left, not {count - old}.");
        var peak = PeakWorkingSet();
        var fillNote = $"log of {count:N0} filled through ErrorLog.Add, {perTransaction:N0} per transaction, in {fill.Elapsed.TotalSeconds:F1} s";
        return new List<Measurement>
        {
            new() { Name = "errors-newest", Records = newest.Count, Seconds = newestSeconds, PeakWorkingSet = peak, Detail = fillNote },
            new() { Name = "errors-purge", Records = removed, Seconds = watch.Elapsed.TotalSeconds, PeakWorkingSet = peak, Detail = $"{left:N0} newer errors kept" },
        };
    }

    /// <summary>The store's clock, set by the harness while it writes old error entries.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTime UtcNow { get; set; } = DateTime.UtcNow;

        public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
    }
}
