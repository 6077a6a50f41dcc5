using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Admin;

public enum MappingChangeKind
{
    Added,
    Changed,
    Unchanged,
}

/// <summary>What importing or editing did (or, under -WhatIf, would do) to one mapping.</summary>
public sealed record MappingChange(string Name, MappingChangeKind Change, MappingDefinition Definition)
{
    public static MappingChange Compare(MappingDefinition incoming, MappingDefinition? existing) =>
        new(incoming.Name,
            existing is null ? MappingChangeKind.Added
            : DefinitionJson.Write(existing) == DefinitionJson.Write(incoming) ? MappingChangeKind.Unchanged
            : MappingChangeKind.Changed,
            incoming);
}
