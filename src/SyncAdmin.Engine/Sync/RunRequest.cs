using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Sync;

/// <summary>What Invoke-RecordSync asks for.</summary>
public sealed record RunRequest
{
    /// <summary>Mapping names; null or empty runs every mapping. Run in dependsOn order either way.</summary>
    public IReadOnlyList<string>? Mappings { get; init; }
    /// <summary>Only this pass; null runs every pass the mapping's direction allows (To, then From).</summary>
    public SyncDirection? Direction { get; init; }
    /// <summary>Ignore watermarks: every source record is a candidate.</summary>
    public bool Full { get; init; }
    /// <summary>Forced sync of these source keys (needs one mapping and a direction unless the mapping is one-way).</summary>
    public IReadOnlyList<string>? Keys { get; init; }
    /// <summary>Dry run: report per record what would happen; write nothing anywhere.</summary>
    public bool Preview { get; init; }
    /// <summary>Wait this long for another run's lease on a mapping instead of failing at once.</summary>
    public TimeSpan? WaitForLease { get; init; }
}
