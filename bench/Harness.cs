using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SyncAdmin.Bench;

/// <summary>Generates the databases, runs every scenario in its own child process, checks what each run did, and prints
/// one line per scenario: N, seconds, records per second, peak working set, and the ratio to its baseline measured in the
/// same run. Timing targets are reported, never enforced: the exit code says only whether the engine did the right thing.</summary>
internal sealed class Harness
{
    private readonly BenchOptions _options;
    private readonly string _root;
    private readonly List<string> _failures = new();
    private readonly TextWriter _out = Console.Out;

    private Harness(BenchOptions options, string root)
    {
        _options = options;
        _root = root;
    }

    public static int Run(BenchOptions options)
    {
        var root = Path.GetFullPath(options.Directory ?? Path.Combine(Path.GetTempPath(), $"syncadmin-bench-{Environment.ProcessId}"));
        Directory.CreateDirectory(root);
        try
        {
            return new Harness(options, root).Run();
        }
        finally
        {
            if (!options.Keep && options.Directory is null) Directory.Delete(root, recursive: true);
        }
    }

    private int Run()
    {
        var o = _options;
        var total = Stopwatch.StartNew();
        PrintHeader();

        // ---- initial sync at N, its raw-copy baseline, and the memory baseline at N / 10 -----------------------------
        var big = Generate(o.Records);
        var limit = Child("insert-select", big);
        Print("SQLite INSERT … SELECT (the physical limit)", o.Records, limit, limit.Records, "—", null, null);
        var rawCopy = Child("raw-copy", big);
        Print("raw copy (baseline of the initial sync)", o.Records, rawCopy, rawCopy.Records,
            $"INSERT … SELECT {limit.Seconds:F2} s", rawCopy.Seconds / limit.Seconds, null);

        var initial = Child("sync", big, "to");
        Expect(initial, "initial sync", ("to.inserted", o.Records), ("to.failed", 0));
        Print("initial sync, To: insert + couple every record", o.Records, initial, o.Records,
            $"raw copy {rawCopy.Seconds:F2} s", initial.Seconds / rawCopy.Seconds, ("≤ 1.5×", 1.5),
            note: $"{initial.Seconds / limit.Seconds:F1}× the INSERT … SELECT limit");

        var small = Generate(o.MemoryBaselineRecords);
        var smallInitial = Child("sync", small, "to");
        Expect(smallInitial, "initial sync (memory baseline)", ("to.inserted", o.MemoryBaselineRecords), ("to.failed", 0));
        Print("initial sync, To (memory baseline)", o.MemoryBaselineRecords, smallInitial, o.MemoryBaselineRecords, "—", null, null);

        var echoes = Child("sync", big, "from");
        Expect(echoes, "first From pass", ("from.inserted", 0), ("from.modified", 0), ("from.unchanged", 0), ("from.failed", 0));
        Print("first From pass: recognises the N echoes", o.Records, echoes, o.Records,
            $"initial sync {initial.Seconds:F2} s", echoes.Seconds / initial.Seconds, ("≤ 0.2×", 0.2));

        // ---- incremental: the same changes on a small and on the big table ------------------------------------------
        var incrementalSmall = IncrementalBaseline();
        big.ChangeLocal(big.Pick(o.Changes, seed: 1), "incremental");
        var (incremental, warm) = Incremental(big);
        Print($"incremental To, {o.Changes:N0} changed, fresh process", o.Records, incremental, o.Changes,
            $"same at N = {o.SmallRecords:N0}: {incrementalSmall.Seconds:F3} s", incremental.Seconds / incrementalSmall.Seconds, ("≤ 1.3×", 1.3));
        Print($"incremental To, {o.Changes:N0} changed, fresh process", o.Records, incremental, o.Changes, "—", null, ("≤ 0.12 s", 0.12), absolute: true);
        Print($"incremental To, {o.Changes:N0} changed, warm (2nd run)", o.Records, warm, o.Changes,
            $"fresh process {incremental.Seconds:F3} s", warm.Seconds / incremental.Seconds, null);

        // ---- bidirectional incremental ------------------------------------------------------------------------------
        // The From watermark still sits at the last echo of the initial sync: the next From pass re-reads the overlap
        // window (watermarkOverlapSeconds) behind it once. That catch-up is its own line; the scenario is the steady state.
        var catchUp = Child("sync", big, "from");
        Expect(catchUp, "catch-up From pass", ("from.modified", 0), ("from.failed", 0));
        Print("catch-up From pass (overlap window re-read once)", o.Records, catchUp, 0, "—", null, null);

        var (localChanges, integrationChanges) = BidirectionalChanges(big);
        var bidirectional = Child("sync", big, "both");
        var applied = o.Changes - o.Conflicts;
        Expect(bidirectional, "bidirectional",
            ("to.modified", applied), ("to.failed", o.Conflicts), ("to.conflicts", o.Conflicts),
            ("from.modified", applied), ("from.failed", o.Conflicts), ("from.conflicts", o.Conflicts));
        var localApplied = big.CountLocal($"Phone LIKE 'bidirectional-integration %'");
        var integrationApplied = big.CountIntegration($"name LIKE '%bidirectional-local'");
        if (localApplied != applied || integrationApplied != applied)
            Fail($"bidirectional: {integrationApplied} local and {localApplied} integration changes arrived on the other side, not {applied} each.");
        Print($"bidirectional, {o.Changes:N0} + {o.Changes:N0} changed, {o.Conflicts:N0} on both", o.Records, bidirectional, localChanges + integrationChanges,
            "—", null, ("< 2 s", 2.0), absolute: true,
            note: $"{bidirectional.Counts["to.conflicts"]:N0} + {bidirectional.Counts["from.conflicts"]:N0} conflicts logged (one per pass), " +
                  $"{2 * applied:N0} changes applied");

        // ---- reconciliation: every coupling and both tables read, in bounded memory ------------------------------------
        // Records changed without a new modified-on (none of those the bidirectional step touched) are the only drift.
        var drifted = big.Pick(o.Changes, seed: 3).Except(big.Pick(2 * o.Changes - o.Conflicts, seed: 2)).ToArray();
        big.DriftLocal(drifted);
        var compare = ChildAll("compare", big.Directory).Single();
        Expect(compare, "reconciliation", ("Drift", drifted.Length), ("NoMatch", 0), ("OneMatch", 0), ("CounterpartGone", 0));
        var smallCompare = ChildAll("compare", small.Directory).Single();
        Print($"reconciliation: Compare-SyncedRecord, {drifted.Length:N0} drifted", o.Records, compare, compare.Records,
            $"peak WS at N = {o.MemoryBaselineRecords:N0}: {Megabytes(smallCompare.PeakWorkingSet)}",
            (double)compare.PeakWorkingSet / smallCompare.PeakWorkingSet, ("< 1.5×", 1.5),
            note: "ratio = peak working set against the same comparison at N / 10");

        // ---- error log ----------------------------------------------------------------------------------------------
        var errors = ChildAll("errors", Path.Combine(_root, "errors"), "--errors", o.Errors.ToString(CultureInfo.InvariantCulture));
        var newest = errors.Single(m => m.Name == "errors-newest");
        var purge = errors.Single(m => m.Name == "errors-purge");
        Print($"error log: newest 100 of {o.Errors:N0}", o.Errors, newest, newest.Records, "—", null, ("< 0.1 s", 0.1), absolute: true);
        Print($"error log: purge {purge.Records:N0} older than 7 days", o.Errors, purge, purge.Records, "—", null, ("< 5 s", 5.0), absolute: true);

        // ---- memory -------------------------------------------------------------------------------------------------
        var memoryRatio = (double)initial.PeakWorkingSet / smallInitial.PeakWorkingSet;
        PrintMemory(initial, smallInitial, memoryRatio);

        _out.WriteLine();
        _out.WriteLine($"Total harness time {total.Elapsed.TotalSeconds:F0} s (generation and checks included).");
        if (o.Quick) _out.WriteLine("Quick mode: sizes are too small for the targets to mean anything; they are shown, not judged.");
        else if (o.Records != 1_000_000) _out.WriteLine("The targets are stated for N = 1,000,000; at other sizes the verdicts are only indicative.");
        foreach (var failure in _failures) _out.WriteLine("FAILED: " + failure);
        return _failures.Count == 0 ? 0 : 1;
    }

    private Measurement IncrementalBaseline()
    {
        var o = _options;
        var set = Generate(o.SmallRecords, print: false);
        Expect(Child("sync", set, "to"), "small initial sync", ("to.inserted", o.SmallRecords));
        Expect(Child("sync", set, "from"), "small first From pass", ("from.modified", 0));
        set.ChangeLocal(set.Pick(o.Changes, seed: 1), "incremental");
        var (measured, _) = Incremental(set);
        Print($"incremental To, {o.Changes:N0} changed (baseline)", o.SmallRecords, measured, o.Changes, "—", null, null);
        return measured;
    }

    /// <summary>An incremental To pass in a fresh process, then the same amount of other changes again in that process.</summary>
    private (Measurement Fresh, Measurement Warm) Incremental(DataSet set)
    {
        var o = _options;
        var both = ChildAll("sync-warm", set.Directory, "--direction", "to", "--changes", o.Changes.ToString(CultureInfo.InvariantCulture));
        foreach (var run in both) Expect(run, "incremental", ("to.modified", o.Changes), ("to.failed", 0), ("to.inserted", 0));
        return (both[0], both[1]);
    }

    /// <summary>Changes on both sides: <c>changes</c> local records, <c>changes</c> accounts, <c>conflicts</c> of them the same.</summary>
    private (int Local, int Integration) BidirectionalChanges(DataSet set)
    {
        var o = _options;
        var picked = set.Pick(2 * o.Changes - o.Conflicts, seed: 2);
        var local = picked[..o.Changes];
        var integration = picked[(o.Changes - o.Conflicts)..];
        set.ChangeLocal(local, "bidirectional-local");
        set.ChangeIntegration(integration, "bidirectional-integration");
        return (local.Length, integration.Length);
    }

    private DataSet Generate(int records, bool print = true)
    {
        var clock = Stopwatch.StartNew();
        var set = DataSet.Generate(Path.Combine(_root, $"n{records}"), records, _options.Journal, _options.BatchSize);
        clock.Stop();
        if (print) _out.WriteLine($"  (generated {records:N0} local records in {clock.Elapsed.TotalSeconds:F1} s)");
        return set;
    }

    // ---- child processes --------------------------------------------------------------------------------------------

    private Measurement Child(string scenario, DataSet set, string? direction = null) =>
        ChildAll(scenario, set.Directory, direction is null ? Array.Empty<string>() : new[] { "--direction", direction }).Single();

    private List<Measurement> ChildAll(string scenario, string directory, params string[] extra)
    {
        var (program, prefix) = Self();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(new[] { "--scenario", scenario, "--dir", directory, "--journal", _options.Journal }).Concat(extra))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var errorText = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var result = output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(ChildScenarios.ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"Scenario '{scenario}' failed (exit code {process.ExitCode}):\n{output}\n{errorText.Result}");
        return JsonSerializer.Deserialize<List<Measurement>>(result[ChildScenarios.ResultPrefix.Length..])!;
    }

    /// <summary>This program, as it was started: its apphost, or dotnet with the entry assembly.</summary>
    private static (string Program, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The harness cannot find its own executable.");
        return Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (path, new[] { Assembly.GetEntryAssembly()!.Location })
            : (path, Array.Empty<string>());
    }

    // ---- checks and output ------------------------------------------------------------------------------------------

    private void Expect(Measurement measurement, string what, params (string Counter, long Value)[] expected)
    {
        foreach (var (counter, value) in expected)
        {
            var actual = measurement.Counts.GetValueOrDefault(counter);
            if (actual != value) Fail($"{what}: {counter} is {actual:N0}, expected {value:N0} ({measurement.Detail}).");
        }
    }

    private void Fail(string message)
    {
        _failures.Add(message);
        _out.WriteLine("  FAILED: " + message);
    }

    private const string Format = "{0,-58} {1,11} {2,9} {3,11} {4,9}  {5,-33} {6,7}  {7,-8} {8}";

    private void PrintHeader()
    {
        var o = _options;
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        string sqlite;
        using (var connection = DataSet.Open(":memory:"))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT sqlite_version()";
            sqlite = (string)command.ExecuteScalar()!;
        }
        _out.WriteLine($"SyncAdmin benchmark{(o.Quick ? " (quick)" : "")}: N = {o.Records:N0}, batchSize {(o.BatchSize?.ToString("N0", CultureInfo.InvariantCulture) ?? "default")}, " +
                       $"journal_mode={o.Journal.ToUpperInvariant()} on the generated databases and the raw copy (synchronous left at its default)");
        _out.WriteLine($"Machine: {model ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory:F1} GiB; " +
                       $"{RuntimeInformation.OSDescription}; .NET {Environment.Version}; SQLite {sqlite}");
        _out.WriteLine("Each scenario runs in its own child process (this program with --scenario): seconds are the scenario's own Stopwatch time; " +
                       "peak WS is that child's peak working set (VmHWM), the .NET runtime's own share included.");
        _out.WriteLine();
        _out.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, "scenario", "N", "seconds", "records/s", "peak WS", "baseline (same run)", "ratio", "target", "result"));
    }

    private void Print(string scenario, long n, Measurement m, long records, string baseline, double? ratio, (string Text, double Limit)? target,
        bool absolute = false, string? note = null)
    {
        var judged = target is { } t ? (absolute ? m.Seconds : ratio!.Value) <= t.Limit : (bool?)null;
        var verdict = judged is null ? "" : _options.Quick ? "(quick)" : judged.Value ? "met" : "MISSED";
        var rate = records > 0 && m.Seconds > 0 ? (records / m.Seconds).ToString("N0", CultureInfo.InvariantCulture) : "—";
        _out.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, scenario, n.ToString("N0", CultureInfo.InvariantCulture),
            m.Seconds.ToString(m.Seconds < 1 ? "F3" : "F2", CultureInfo.InvariantCulture), rate, Megabytes(m.PeakWorkingSet), baseline,
            ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) + "×" : "—", target?.Text ?? "—", verdict));
        var cpu = m.CpuSeconds > 0 ? $"CPU {m.CpuSeconds:F2} s, {m.AllocatedBytes / (1024.0 * 1024):N0} MB allocated" : null;
        var detail = string.Join("; ", new[] { m.Detail, note, cpu }.Where(s => !string.IsNullOrEmpty(s)));
        if (detail.Length > 0) _out.WriteLine($"    {detail}");
    }

    private void PrintMemory(Measurement big, Measurement small, double ratio)
    {
        var verdict = _options.Quick ? "(quick)" : ratio < 1.5 ? "met" : "MISSED";
        _out.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, "peak working set of the initial sync", _options.Records.ToString("N0", CultureInfo.InvariantCulture),
            "—", "—", Megabytes(big.PeakWorkingSet), $"same at N = {_options.MemoryBaselineRecords:N0}: {Megabytes(small.PeakWorkingSet)}",
            ratio.ToString("F2", CultureInfo.InvariantCulture) + "×", "< 1.5×", verdict));
    }

    private static string Megabytes(long bytes) => bytes <= 0 ? "—" : (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture) + " MB";
}
