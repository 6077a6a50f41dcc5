using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Admin;

/// <summary>Whether a side of a record pair has a row now.</summary>
public enum RecordPresence
{
    /// <summary>The row is there.</summary>
    Exists,
    /// <summary>The coupling names a row that is gone.</summary>
    Deleted,
    /// <summary>The coupling has no key on this side: the insert that would create it never succeeded.</summary>
    NeverCreated,
    /// <summary>The record has no coupling, so nothing names a row on this side.</summary>
    NotCoupled,
    /// <summary>No row has the key that was asked for.</summary>
    NotFound,
}

/// <summary>The live local and integration rows behind an error, a skipped record or a coupling, side by side: the link the
/// seeds' Source and Destination fields promise (Get-SyncRecord).</summary>
public sealed class SyncRecord : IRecordPair
{
    internal SyncRecord() { }

    public required string Mapping { get; init; }
    public string? LocalTable { get; init; }
    public string? LocalKey { get; init; }
    public RecordPresence Local { get; init; }
    public DateTimeOffset? LocalModifiedOn { get; init; }
    public string? IntegrationTable { get; init; }
    public string? IntegrationKey { get; init; }
    public RecordPresence Integration { get; init; }
    public DateTimeOffset? IntegrationModifiedOn { get; init; }
    /// <summary>The coupling, when the record has one: its state per direction, skipped flag and pending intent.</summary>
    public Coupling? Coupling { get; init; }
    public bool Skipped => Coupling?.Skipped ?? false;
    public IReadOnlyList<FieldComparison> Fields { get; init; } = Array.Empty<FieldComparison>();

    public override string ToString() =>
        $"{Mapping} {LocalTable} {LocalKey ?? "-"} ({Local}) <-> {IntegrationTable} {IntegrationKey ?? "-"} ({Integration})";
}
