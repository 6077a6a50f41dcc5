using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Parameters;

/// <summary>The settings Set-IntegrationMapping -Name changes; null means "leave as it is".</summary>
internal sealed record MappingSettings
{
    public SyncDirection? Direction { get; init; }
    public UpdateConflictResolution? UpdateConflictResolution { get; init; }
    public DeletionConflictResolution? DeletionConflictResolution { get; init; }
    public bool? SyncOnlyCoupledRecords { get; init; }
    public bool? FieldLevelMerge { get; init; }
    public int? SkipAfterRepeatedFailures { get; init; }
    public int? BatchSize { get; init; }
    public IReadOnlyList<string>? DependsOn { get; init; }

    public bool IsEmpty => Changes().Count == 0;

    public MappingDefinition Apply(MappingDefinition mapping) => mapping with
    {
        Direction = Direction ?? mapping.Direction,
        UpdateConflictResolution = UpdateConflictResolution ?? mapping.UpdateConflictResolution,
        DeletionConflictResolution = DeletionConflictResolution ?? mapping.DeletionConflictResolution,
        SyncOnlyCoupledRecords = SyncOnlyCoupledRecords ?? mapping.SyncOnlyCoupledRecords,
        FieldLevelMerge = FieldLevelMerge ?? mapping.FieldLevelMerge,
        SkipAfterRepeatedFailures = SkipAfterRepeatedFailures ?? mapping.SkipAfterRepeatedFailures,
        BatchSize = BatchSize ?? mapping.BatchSize,
        DependsOn = DependsOn ?? mapping.DependsOn,
    };

    /// <summary>"Direction = ToIntegrationTable, BatchSize = 200", for ShouldProcess.</summary>
    public string Describe() => string.Join(", ", Changes());

    private List<string> Changes()
    {
        var changes = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null) changes.Add($"{name} = {value}");
        }
        Add(nameof(Direction), Direction);
        Add(nameof(UpdateConflictResolution), UpdateConflictResolution);
        Add(nameof(DeletionConflictResolution), DeletionConflictResolution);
        Add(nameof(SyncOnlyCoupledRecords), SyncOnlyCoupledRecords);
        Add(nameof(FieldLevelMerge), FieldLevelMerge);
        Add(nameof(SkipAfterRepeatedFailures), SkipAfterRepeatedFailures);
        Add(nameof(BatchSize), BatchSize);
        if (DependsOn is not null) changes.Add($"{nameof(DependsOn)} = [{string.Join(", ", DependsOn)}]");
        return changes;
    }
}
