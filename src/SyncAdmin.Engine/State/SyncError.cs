using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>The seeds' two kinds of error: one a user can fix in a record, and one in how the integration is set up (a
/// database that cannot be reached or written, a store that failed), which needs the administrator.</summary>
public enum SyncErrorCategory
{
    Record,
    Setup,
}

/// <summary>One failure of one record in one job, as the Integration Synchronization Errors page shows it.</summary>
public sealed class SyncError : IRecordPair
{
    /// <summary>Only the engine makes these: PowerShell cannot turn a look-alike object (a [pscustomobject] with the same
    /// property names) into one and hand it to a cmdlet that deletes or resolves what it names.</summary>
    internal SyncError() { }

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
    public SyncErrorCategory Category { get; init; } = SyncErrorCategory.Record;
    public DateTimeOffset CreatedAt { get; internal set; }

    /// <summary>The local record's key: the source of a To pass, the destination of a From pass (null for a job's own
    /// failure, or an insert that never created its record).</summary>
    public string? LocalKey => Direction == SyncDirection.FromIntegrationTable ? DestinationKey : SourceKey;
    public string? IntegrationKey => Direction == SyncDirection.FromIntegrationTable ? SourceKey : DestinationKey;

    public string Source => Describe(SourceTable, SourceKey);
    public string Destination => Describe(DestinationTable, DestinationKey);

    private static string Describe(string? table, string? key) => key is null ? table ?? "" : $"{table} {key}";

    public override string ToString() => $"{CreatedAt:u} {Mapping} {Source} -> {Destination}: {Message}";
}

public sealed record ErrorQuery
{
    public IReadOnlyList<string>? Mappings { get; init; }
    public long? JobId { get; init; }
    /// <summary>Only these entries (Get-SyncError -Id).</summary>
    public IReadOnlyCollection<long>? Ids { get; init; }
    /// <summary>Only entries about the record with this local (or integration) key.</summary>
    public string? LocalKey { get; init; }
    public string? IntegrationKey { get; init; }
    public SyncErrorCategory? Category { get; init; }
    public SyncDirection? Direction { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public int? Newest { get; init; }
}
