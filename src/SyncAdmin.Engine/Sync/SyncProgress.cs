using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Sync;

/// <summary>Reported after every page, for a progress bar; <see cref="Note"/> says in a sentence what the pass did
/// (Invoke-RecordSync -Verbose). A pass also reports once as it starts and once as it ends (not page reports).</summary>
public sealed record SyncProgress(string Mapping, SyncDirection Direction, string Phase, int RecordsProcessed, int Inserted, int Modified, int Failed)
{
    public string? Note { get; init; }

    /// <summary>False for the notes at a pass's start and end, which move no progress bar.</summary>
    public bool IsPageReport { get; init; } = true;
}
