using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Sync;

/// <summary>What a dry run found it would do with one record.</summary>
public sealed record RecordPreview(
    string Mapping,
    SyncDirection Direction,
    string SourceKey,
    string? DestinationKey,
    RecordAction Action,
    bool IsConflict,
    IReadOnlyList<string> Fields,
    string? Message)
{
    public override string ToString() =>
        $"{Mapping} {Direction} {SourceKey}: {Action}{(IsConflict ? " (conflict)" : "")}" +
        (Fields.Count == 0 ? "" : $" [{string.Join(", ", Fields)}]") + (Message is null ? "" : $" {Message}");
}
