namespace SyncAdmin.Engine.Configuration;

/// <summary>One broken rule found by <see cref="MappingRules"/>. It points at the mapping or connection it is about and at
/// a path inside it written in the YAML's own key names, so a file loader can turn it into a line and column and a
/// cmdlet that changes one setting can name the setting.</summary>
public sealed record MappingRuleViolation
{
    public required string Message { get; init; }

    /// <summary>The mapping being imported that breaks the rule; null when the problem is in a connection.</summary>
    public MappingDefinition? Mapping { get; init; }

    /// <summary>The connection being imported that breaks the rule; null when the problem is in a mapping.</summary>
    public ConnectionDefinition? Connection { get; init; }

    /// <summary>Where inside <see cref="Mapping"/> or <see cref="Connection"/>: <c>table.key</c>, <c>fields[2].direction</c>,
    /// <c>dependsOn[0]</c>, <c>connectionString</c>; list indexes count from 0; empty means the whole mapping or connection.</summary>
    public string Path { get; init; } = "";

    public override string ToString() => Message;
}
