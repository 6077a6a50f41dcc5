namespace SyncAdmin.Engine.Configuration;

/// <summary>A named database connection. The connection string is kept exactly as written:
/// <c>${env:NAME}</c> placeholders are resolved only when a connection opens, so secrets never reach the store.</summary>
public sealed record ConnectionDefinition
{
    public required string Name { get; init; }
    public ProviderKind Provider { get; init; } = ProviderKind.Sqlite;
    public required string ConnectionString { get; init; }

    /// <summary>Never the connection string: whatever it holds stays out of logs and consoles.</summary>
    public override string ToString() => $"{Name} ({Provider.ToString().ToLowerInvariant()})";
}

/// <summary>One side of a mapping: a table, its single key column and the column that tells when a row changed.</summary>
public sealed record TableDefinition
{
    public required string Connection { get; init; }
    public required string Name { get; init; }
    public required string Key { get; init; }
    public string? ModifiedOn { get; init; }
    /// <summary>Column = value conditions (all must hold); a null value means IS NULL. Values stay text until the column type is known.</summary>
    public IReadOnlyDictionary<string, string?> Filter { get; init; } = new Dictionary<string, string?>();
    /// <summary>When the engine writes a row, it also sets the modified-on column (false when a trigger maintains it).</summary>
    public bool SetModifiedOn { get; init; } = true;

    public override string ToString() =>
        $"{Name} (connection {Connection}, key {Key}{(ModifiedOn is null ? "" : ", modified-on " + ModifiedOn)}" +
        $"{(Filter.Count == 0 ? "" : ", filter " + string.Join(" and ", Filter.Select(f => $"{f.Key} = {f.Value ?? "null"}")))})";
}

/// <summary>One field mapping: a local column and/or an integration column, a constant, or a lookup through another mapping.</summary>
public sealed record FieldMapping
{
    public string? Field { get; init; }
    public string? IntegrationField { get; init; }
    /// <summary>Null means "the mapping's direction".</summary>
    public SyncDirection? Direction { get; init; }
    /// <summary>A constant written to the destination column instead of a source value (text until the column type is known).</summary>
    public string? Constant { get; init; }
    public bool HasConstant { get; init; }
    /// <summary>Name of the mapping whose couplings translate this value (a foreign key to a coupled table).</summary>
    public string? Lookup { get; init; }
    /// <summary>When a lookup finds no coupling, write null instead of failing the record.</summary>
    public bool ClearValueOnFailedSync { get; init; }

    public SyncDirection EffectiveDirection(SyncDirection mappingDirection) => Direction ?? mappingDirection;

    /// <summary>The column this field writes on the destination of <paramref name="pass"/>.</summary>
    public string? DestinationColumn(SyncDirection pass) =>
        pass == SyncDirection.ToIntegrationTable ? IntegrationField : Field;

    public string? SourceColumn(SyncDirection pass) =>
        pass == SyncDirection.ToIntegrationTable ? Field : IntegrationField;

    public string? Column(Side side) => side == Side.Local ? Field : IntegrationField;

    public override string ToString()
    {
        var text = HasConstant ? $"{Field ?? IntegrationField} = {Constant}" : $"{Field} <-> {IntegrationField}";
        if (Direction is not null) text += $" ({Direction})";
        if (Lookup is not null) text += $" through {Lookup}{(ClearValueOnFailedSync ? ", cleared when not coupled" : "")}";
        return text;
    }
}

public sealed record MatchField
{
    public required string Field { get; init; }
    public required string IntegrationField { get; init; }

    public override string ToString() => $"{Field} = {IntegrationField}";
}

/// <summary>An integration table mapping, as imported from YAML and kept in the store.</summary>
public sealed record MappingDefinition
{
    public required string Name { get; init; }
    public required TableDefinition Table { get; init; }
    public required TableDefinition IntegrationTable { get; init; }
    public SyncDirection Direction { get; init; } = SyncDirection.Bidirectional;
    public bool SyncOnlyCoupledRecords { get; init; }
    public UpdateConflictResolution UpdateConflictResolution { get; init; } = UpdateConflictResolution.None;
    public DeletionConflictResolution DeletionConflictResolution { get; init; } = DeletionConflictResolution.None;
    public IReadOnlyList<string> DependsOn { get; init; } = Array.Empty<string>();
    public IReadOnlyList<MatchField> MatchOn { get; init; } = Array.Empty<MatchField>();
    /// <summary>Both sides changed different fields → merge instead of conflict.</summary>
    public bool FieldLevelMerge { get; init; }
    /// <summary>A record that fails with the same message this many times in a row becomes Skipped; 0 = never.</summary>
    public int SkipAfterRepeatedFailures { get; init; } = 2;
    /// <summary>Seconds re-read before the watermark and kept behind the pass start (clock skew, late commits).</summary>
    public int WatermarkOverlapSeconds { get; init; } = 5;
    /// <summary>Records per page: one read, one store transaction and one destination transaction each.</summary>
    public int BatchSize { get; init; } = 500;
    public IReadOnlyList<FieldMapping> Fields { get; init; } = Array.Empty<FieldMapping>();

    public TableDefinition TableOf(Side side) => side == Side.Local ? Table : IntegrationTable;

    public override string ToString() => $"{Name}: {Table.Name} <-> {IntegrationTable.Name}, {Direction}, {Fields.Count} field(s)";
}

/// <summary>What one YAML file holds.</summary>
public sealed record MappingDocument
{
    public string? SourcePath { get; init; }
    public IReadOnlyList<ConnectionDefinition> Connections { get; init; } = Array.Empty<ConnectionDefinition>();
    public IReadOnlyList<MappingDefinition> Mappings { get; init; } = Array.Empty<MappingDefinition>();
}
