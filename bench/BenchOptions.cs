using System.Globalization;

namespace SyncAdmin.Bench;

/// <summary>Command line of the harness. Everything has a default; <c>--quick</c> shrinks every size so CI can prove the
/// harness still works in seconds. <c>--scenario</c> is the hidden flag the harness uses to run one scenario in a child
/// process (so each scenario's peak working set is its own).</summary>
internal sealed record BenchOptions
{
    public int Records { get; init; } = 1_000_000;
    /// <summary>The N whose initial sync's peak working set is the memory baseline (default N / 10).</summary>
    public int MemoryBaselineRecords { get; init; }
    /// <summary>The N of the incremental baseline (the same changes on a small table; default 10,000, at most N).</summary>
    public int SmallRecords { get; init; }
    public int Changes { get; init; } = 1_000;
    public int Conflicts { get; init; } = 100;
    /// <summary>Errors in the error-log scenario (default N); 90 % of them are older than 7 days.</summary>
    public int Errors { get; init; }
    /// <summary>The mapping's batchSize; null keeps the engine's default.</summary>
    public int? BatchSize { get; init; }
    /// <summary>journal_mode set on the generated databases (and on the raw copy's): wal or delete.</summary>
    public string Journal { get; init; } = "wal";
    public bool Quick { get; init; }
    public string? Directory { get; init; }
    public bool Keep { get; init; }

    // Child-process flags.
    public string? Scenario { get; init; }
    public string? Direction { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        if (args.Contains("--quick"))
            options = options with { Quick = true, Records = 20_000, SmallRecords = 2_000, Changes = 200, Conflicts = 20 };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            int Number() => int.TryParse(Next().Replace("_", "").Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new UsageException($"{args[i - 1]} needs a positive whole number.");
            options = args[i] switch
            {
                "--quick" => options,
                "--records" or "-n" => options with { Records = Number() },
                "--memory-baseline" => options with { MemoryBaselineRecords = Number() },
                "--small" => options with { SmallRecords = Number() },
                "--changes" => options with { Changes = Number() },
                "--conflicts" => options with { Conflicts = Number() },
                "--errors" => options with { Errors = Number() },
                "--batch" => options with { BatchSize = Number() },
                "--journal" => options with { Journal = Next().ToLowerInvariant() },
                "--dir" => options with { Directory = Next() },
                "--keep" => options with { Keep = true },
                "--scenario" => options with { Scenario = Next() },
                "--direction" => options with { Direction = Next() },
                "--help" or "-h" or "-?" => throw new UsageException(null),
                _ => throw new UsageException($"Unknown option '{args[i]}'."),
            };
        }
        if (options.SmallRecords == 0) options = options with { SmallRecords = Math.Min(10_000, options.Records) };
        if (options.MemoryBaselineRecords == 0) options = options with { MemoryBaselineRecords = Math.Max(1, options.Records / 10) };
        if (options.Errors == 0) options = options with { Errors = options.Records };
        if (options.Journal is not ("wal" or "delete")) throw new UsageException("--journal is wal or delete.");
        if (options.Scenario is null)
        {
            if (options.Changes > options.SmallRecords || options.Changes > options.Records)
                throw new UsageException("--changes must not exceed --small or --records.");
            if (options.Conflicts > options.Changes) throw new UsageException("--conflicts must not exceed --changes.");
            if (2 * options.Changes - options.Conflicts > options.Records)
                throw new UsageException("--records must hold both sides' changes (2 × changes − conflicts).");
        }
        return options;
    }

    public const string Usage = """
        SyncAdmin benchmark harness

          dotnet run -c Release --project bench -- [options]

          --records N          table size of the main scenarios (default 1,000,000)
          --quick              small sizes for CI (N = 20,000): proves the harness works, judges nothing
          --memory-baseline N  N of the initial sync whose peak working set is the memory baseline (default N / 10)
          --small N            N of the incremental baseline (default 10,000, at most N)
          --changes N          records changed per side in the incremental scenarios (default 1,000)
          --conflicts N        of those, records changed on both sides in the bidirectional scenario (default 100)
          --errors N           entries in the error-log scenario (default N; 90 % older than 7 days)
          --batch N            the mapping's batchSize (default: the engine's)
          --journal wal|delete journal_mode of the generated databases and of the raw copy (default wal)
          --dir PATH           where the databases go (default: a new temporary directory)
          --keep               keep the databases afterwards
        """;
}

internal sealed class UsageException : Exception
{
    public UsageException(string? message) : base(message) { }
}
