using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Admin;

/// <summary>A mapping with what an admin checks first: direction, tables, watermarks, last job, errors and skipped records.</summary>
public sealed class MappingStatus
{
    /// <summary>Only the engine makes these: PowerShell cannot turn a look-alike object (a [pscustomobject] with the same
    /// property names) into one and hand it to a cmdlet that deletes or resolves what it names.</summary>
    internal MappingStatus() { }

    public required string Name { get; init; }
    public SyncDirection Direction { get; init; }
    public required string Table { get; init; }
    public required string IntegrationTable { get; init; }
    public IReadOnlyList<string> DependsOn { get; init; } = Array.Empty<string>();
    public DateTimeOffset? LocalWatermark { get; init; }
    public DateTimeOffset? IntegrationWatermark { get; init; }
    public SyncJob? LastJob { get; init; }
    /// <summary>The run that holds the mapping now (holder, since, until), if any: who to wait for, or what a killed run left.</summary>
    public Lease? Lease { get; init; }
    public long CoupledCount { get; init; }
    public long SkippedCount { get; init; }
    public long FailedCount { get; init; }
    public long ErrorCount { get; init; }
    public string? SourceFile { get; init; }
    public DateTimeOffset ImportedAt { get; init; }
    public required MappingDefinition Definition { get; init; }

    internal static MappingStatus Of(StoredMapping mapping, StateStore store)
    {
        var counts = store.Couplings.Counts(mapping.Name);
        return new MappingStatus
        {
            Name = mapping.Name,
            Direction = mapping.Definition.Direction,
            Table = mapping.Definition.Table.Name,
            IntegrationTable = mapping.Definition.IntegrationTable.Name,
            DependsOn = mapping.Definition.DependsOn,
            LocalWatermark = mapping.LocalWatermark,
            IntegrationWatermark = mapping.IntegrationWatermark,
            LastJob = store.Jobs.Query(new JobQuery { Mappings = new[] { mapping.Name }, Newest = 1 }).FirstOrDefault(),
            Lease = store.Leases.Holder(mapping.Name),
            CoupledCount = counts.Coupled,
            SkippedCount = counts.Skipped,
            FailedCount = counts.Failed,
            ErrorCount = store.Errors.Count(mapping.Name),
            SourceFile = mapping.SourceFile,
            ImportedAt = mapping.ImportedAt,
            Definition = mapping.Definition,
        };
    }
}
