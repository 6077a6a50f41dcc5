using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>One failure of one record in one job, as the Integration Synchronization Errors page shows it.</summary>
public sealed class SyncError
{
    public long Id { get; internal set; }
    public long? JobId { get; init; }
    public required string Mapping { get; init; }
    public SyncDirection Direction { get; init; }
    /// <summary>Where the record came from, e.g. "Customer 10000".</summary>
    public string? SourceTable { get; init; }
    public string? SourceKey { get; init; }
    public string? DestinationTable { get; init; }
    public string? DestinationKey { get; init; }
    public required string Message { get; init; }
    public string? Detail { get; init; }
    public DateTime CreatedAt { get; internal set; }

    public string Source => Describe(SourceTable, SourceKey);
    public string Destination => Describe(DestinationTable, DestinationKey);

    private static string Describe(string? table, string? key) => key is null ? table ?? "" : $"{table} {key}";

    public override string ToString() => $"{CreatedAt:u} {Mapping} {Source} -> {Destination}: {Message}";
}

public sealed record ErrorQuery
{
    public IReadOnlyList<string>? Mappings { get; init; }
    public long? JobId { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public int? Newest { get; init; }
}
