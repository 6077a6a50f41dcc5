using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Parameters;

/// <summary>Invoke-RecordSync's parameters, turned into the engine's run request once the mappings are chosen.</summary>
internal sealed record SyncRunOptions
{
    /// <summary>How long -Wait waits for another run's lease when -WaitTimeout is not given.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(30);

    public SyncDirection? Direction { get; init; }
    public IReadOnlyList<string>? Keys { get; init; }
    public bool Full { get; init; }
    public bool Wait { get; init; }
    public TimeSpan? WaitTimeout { get; init; }

    /// <summary>Why the options cannot run against <paramref name="mappings"/>, or null when they can.</summary>
    public string? Problem(IReadOnlyList<string> mappings) =>
        Keys is not null && mappings.Count != 1
            ? $"Synchronizing chosen records (-Key) needs exactly one mapping; -Name selected {(mappings.Count == 0 ? "none" : string.Join(", ", mappings))}."
            : null;

    /// <summary>Why a mapping whose direction is <paramref name="mappingDirection"/> cannot run -Direction, or null.
    /// -Direction Bidirectional means every pass the mapping allows.</summary>
    public string? Blocked(string mapping, SyncDirection mappingDirection) =>
        Direction is { } pass && pass != SyncDirection.Bidirectional && !mappingDirection.Permits(pass)
            ? $"Mapping '{mapping}' is {mappingDirection}; it cannot run {pass}."
            : null;

    public RunRequest ToRunRequest(IReadOnlyList<string> mappings, bool preview) => new()
    {
        Mappings = mappings,
        Direction = Direction,
        Keys = Keys is { Count: > 0 } ? Keys : null,
        Full = Full,
        Preview = preview,
        WaitForLease = Wait || WaitTimeout is not null ? WaitTimeout ?? DefaultWait : null,
    };
}
