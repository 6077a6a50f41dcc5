using System.Text.RegularExpressions;
using SyncAdmin.Engine.Providers.SqlServer;

namespace SyncAdmin.Engine.Configuration;

/// <summary>The rules a mapping must keep before it is stored, checked without touching any database. They work on the
/// model alone, so the same rules guard a file import and an admin changing one setting of a stored mapping.</summary>
public static partial class MappingRules
{
    public const int MaxBatchSize = 10000;

    /// <summary>Checks a whole file's content; see <see cref="Check(IReadOnlyList{MappingDefinition}, IReadOnlyList{ConnectionDefinition}, IEnumerable{ConnectionDefinition}?, IEnumerable{MappingDefinition}?)"/>.</summary>
    public static IReadOnlyList<MappingRuleViolation> Check(
        MappingDocument document,
        IEnumerable<ConnectionDefinition>? knownConnections = null,
        IEnumerable<MappingDefinition>? knownMappings = null) =>
        Check(document.Mappings, document.Connections, knownConnections, knownMappings);

    /// <summary>Every rule <paramref name="mappings"/> and <paramref name="connections"/> (being imported) break, given the
    /// connections and mappings already in the store. An imported mapping replaces a known one of the same name.
    /// Returns an empty list when all is well.</summary>
    public static IReadOnlyList<MappingRuleViolation> Check(
        IReadOnlyList<MappingDefinition> mappings,
        IReadOnlyList<ConnectionDefinition> connections,
        IEnumerable<ConnectionDefinition>? knownConnections = null,
        IEnumerable<MappingDefinition>? knownMappings = null)
    {
        var found = new List<MappingRuleViolation>();
        var known = knownMappings?.ToList() ?? [];
        var connectionNames = new HashSet<string>(
            connections.Select(c => c.Name).Concat(knownConnections?.Select(c => c.Name) ?? []), StringComparer.OrdinalIgnoreCase);
        // Each connection's provider decides what its identifiers may be; an unknown connection gets SQLite's rules.
        var providers = new Dictionary<string, ProviderKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in (knownConnections ?? []).Concat(connections)) providers[connection.Name] = connection.Provider;
        var mappingNames = new HashSet<string>(
            mappings.Select(m => m.Name).Concat(known.Select(m => m.Name)), StringComparer.OrdinalIgnoreCase);

        CheckConnections(connections, found);
        var namesSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in mappings)
        {
            var where = new MappingViolations(mapping, found);
            CheckName(mapping, namesSeen, where);
            CheckTable(mapping.Table, "table", "the table", connectionNames, where);
            CheckTable(mapping.IntegrationTable, "integrationTable", "the integration table", connectionNames, where);
            CheckIdentifiers(mapping, providers, where);
            CheckLimits(mapping, where);
            CheckFields(mapping, mappingNames, where);
            CheckMatchOn(mapping, where);
            CheckDependsOn(mapping, mappingNames, where);
        }
        CheckDependencyCycles(mappings, known, found);
        return found;
    }

    private static void CheckConnections(IReadOnlyList<ConnectionDefinition> connections, List<MappingRuleViolation> found)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in connections)
        {
            void Report(string path, string message) =>
                found.Add(new MappingRuleViolation { Connection = connection, Path = path, Message = message });

            if (string.IsNullOrWhiteSpace(connection.Name))
                Report("", "A connection has no name.");
            else if (!seen.Add(connection.Name))
                Report("", $"Connection '{connection.Name}' is defined twice (connection names ignore case).");
            else if (IdentifierRules.NameProblem(connection.Name, "The connection name") is { } problem)
                Report("", problem);

            if (string.IsNullOrWhiteSpace(connection.ConnectionString))
                Report("connectionString", $"Connection '{connection.Name}' needs a 'connectionString'.");
            else if (ConnectionStringPlaceholders.HasLiteralPassword(connection.ConnectionString))
                // Never quote the connection string here: the message would carry the secret into logs and consoles.
                Report("connectionString",
                    $"Connection '{connection.Name}' has a password written into its connection string. Secrets must not be stored in files " +
                    $"or the store: write it as a placeholder, e.g. Password=${{env:{PasswordVariableFor(connection.Name)}}}, and set that " +
                    "environment variable (or pass a credential) where the sync runs.");
            else if (connection.Provider == ProviderKind.SqlServer && SqlServerSignIn.Problem(connection.ConnectionString, $"Connection '{connection.Name}'") is { } problem)
                Report("connectionString", problem);
        }
    }

    private static void CheckName(MappingDefinition mapping, HashSet<string> namesSeen, MappingViolations where)
    {
        if (string.IsNullOrWhiteSpace(mapping.Name))
            where.Report("name", "A mapping needs a 'name'.");
        else if (IdentifierRules.NameProblem(mapping.Name, "The mapping name") is { } problem)
            where.Report("name", problem);
        else if (!namesSeen.Add(mapping.Name))
            where.Report("name", $"Mapping '{mapping.Name}' is defined twice (mapping names ignore case).");
    }

    private static void CheckTable(TableDefinition table, string key, string label, HashSet<string> connectionNames, MappingViolations where)
    {
        var mapping = where.Label;
        if (string.IsNullOrWhiteSpace(table.Connection))
            where.Report($"{key}.connection", $"{mapping}: {label} needs a 'connection'.");
        else if (!connectionNames.Contains(table.Connection))
            where.Report($"{key}.connection",
                $"{mapping}: connection '{table.Connection}' of {label} is defined neither in this file nor in the store.");

        if (string.IsNullOrWhiteSpace(table.Name))
            where.Report($"{key}.name", $"{mapping}: {label} needs a 'name'.");

        if (string.IsNullOrWhiteSpace(table.Key))
            where.Report($"{key}.key", $"{mapping}: {label} needs a 'key' column.");
        else
            foreach (var column in table.Filter.Keys.Where(c => string.Equals(c, table.Key, StringComparison.OrdinalIgnoreCase)))
                where.Report($"{key}.filter.{column}",
                    $"{mapping}: the key column '{table.Key}' of {label} cannot also be a filter column.");
    }

    /// <summary>Table and column names, as each side's database allows them (checked again, and quoted, when used).</summary>
    private static void CheckIdentifiers(MappingDefinition mapping, IReadOnlyDictionary<string, ProviderKind> providers, MappingViolations where)
    {
        ProviderKind Provider(TableDefinition table) => providers.GetValueOrDefault(table.Connection, ProviderKind.Sqlite);
        void Table(TableDefinition table, string key, string label)
        {
            var provider = Provider(table);
            if (!string.IsNullOrWhiteSpace(table.Name) && IdentifierRules.TableProblem(table.Name, provider, $"{where.Label}: {label}'s name") is { } name)
                where.Report($"{key}.name", name);
            if (!string.IsNullOrWhiteSpace(table.Key) && IdentifierRules.ColumnProblem(table.Key, provider, $"{where.Label}: {label}'s key") is { } keyProblem)
                where.Report($"{key}.key", keyProblem);
            if (table.ModifiedOn is { } modifiedOn && !string.IsNullOrWhiteSpace(modifiedOn)
                && IdentifierRules.ColumnProblem(modifiedOn, provider, $"{where.Label}: {label}'s modifiedOn") is { } modified)
                where.Report($"{key}.modifiedOn", modified);
            foreach (var column in table.Filter.Keys)
                if (IdentifierRules.ColumnProblem(column, provider, $"{where.Label}: a filter column of {label}") is { } filter)
                    where.Report($"{key}.filter.{column}", filter);
        }
        Table(mapping.Table, "table", "the table");
        Table(mapping.IntegrationTable, "integrationTable", "the integration table");
        for (var i = 0; i < mapping.Fields.Count; i++)
        {
            var field = mapping.Fields[i];
            if (field.Field is { } local && !string.IsNullOrWhiteSpace(local)
                && IdentifierRules.ColumnProblem(local, Provider(mapping.Table), $"{where.Label}, field mapping #{i + 1}: 'field'") is { } a)
                where.Report($"fields[{i}].field", a);
            if (field.IntegrationField is { } integration && !string.IsNullOrWhiteSpace(integration)
                && IdentifierRules.ColumnProblem(integration, Provider(mapping.IntegrationTable), $"{where.Label}, field mapping #{i + 1}: 'integrationField'") is { } b)
                where.Report($"fields[{i}].integrationField", b);
        }
        for (var i = 0; i < mapping.MatchOn.Count; i++)
        {
            var match = mapping.MatchOn[i];
            if (!string.IsNullOrWhiteSpace(match.Field) && IdentifierRules.ColumnProblem(match.Field, Provider(mapping.Table), $"{where.Label}, matchOn entry #{i + 1}: 'field'") is { } a)
                where.Report($"matchOn[{i}].field", a);
            if (!string.IsNullOrWhiteSpace(match.IntegrationField)
                && IdentifierRules.ColumnProblem(match.IntegrationField, Provider(mapping.IntegrationTable), $"{where.Label}, matchOn entry #{i + 1}: 'integrationField'") is { } b)
                where.Report($"matchOn[{i}].integrationField", b);
        }
    }

    private static void CheckLimits(MappingDefinition mapping, MappingViolations where)
    {
        if (mapping.SkipAfterRepeatedFailures < 0)
            where.Report("skipAfterRepeatedFailures",
                $"{where.Label}: 'skipAfterRepeatedFailures' must be 0 (never skip) or more, not {mapping.SkipAfterRepeatedFailures}.");
        if (mapping.BatchSize is < 1 or > MaxBatchSize)
            where.Report("batchSize", $"{where.Label}: 'batchSize' must be between 1 and {MaxBatchSize}, not {mapping.BatchSize}.");
        if (mapping.WatermarkOverlapSeconds < 0)
            where.Report("watermarkOverlapSeconds",
                $"{where.Label}: 'watermarkOverlapSeconds' must be 0 or more, not {mapping.WatermarkOverlapSeconds}.");
    }

    private static void CheckFields(MappingDefinition mapping, HashSet<string> mappingNames, MappingViolations where)
    {
        // First field mapping (index) that uses each column, per side: a column written by two field mappings has no single value.
        var localColumns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var integrationColumns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        for (var i = 0; i < mapping.Fields.Count; i++)
        {
            var field = mapping.Fields[i];
            var path = $"fields[{i}]";
            var label = $"{where.Label}, field mapping #{i + 1}";
            var hasLocal = !string.IsNullOrWhiteSpace(field.Field);
            var hasIntegration = !string.IsNullOrWhiteSpace(field.IntegrationField);

            if (hasLocal && !localColumns.TryAdd(field.Field!, i))
                where.Report($"{path}.field",
                    $"{where.Label} maps the column '{field.Field}' of the table twice (field mappings #{localColumns[field.Field!] + 1} and #{i + 1}).");
            if (hasIntegration && !integrationColumns.TryAdd(field.IntegrationField!, i))
                where.Report($"{path}.integrationField",
                    $"{where.Label} maps the column '{field.IntegrationField}' of the integration table twice (field mappings #{integrationColumns[field.IntegrationField!] + 1} and #{i + 1}).");

            if (!hasLocal && !hasIntegration)
                where.Report(path, $"{label} names no column: give 'field', 'integrationField' or both.");
            else if (field.HasConstant)
                CheckConstant(mapping, field, hasLocal, hasIntegration, path, label, where);
            else
            {
                if (!hasLocal || !hasIntegration)
                    where.Report(path,
                        $"{label} needs both 'field' and 'integrationField'; only a constant writes one column without a source.");
                if (field.Direction is { } direction && !mapping.Direction.Permits(direction))
                    where.Report($"{path}.direction",
                        $"{label}: direction {direction} is not permitted under the mapping's direction {mapping.Direction}.");
            }

            if (field.Lookup is { } lookup)
            {
                if (string.IsNullOrWhiteSpace(lookup))
                    where.Report($"{path}.lookup", $"{label}: 'lookup' names no mapping.");
                else if (string.Equals(lookup, mapping.Name, StringComparison.OrdinalIgnoreCase))
                    where.Report($"{path}.lookup", $"{label} cannot look up through its own mapping '{lookup}'.");
                else if (!mappingNames.Contains(lookup))
                    where.Report($"{path}.lookup",
                        $"{label} looks up through mapping '{lookup}', which is defined neither in this file nor in the store.");
            }
        }
    }

    private static void CheckConstant(
        MappingDefinition mapping, FieldMapping field, bool hasLocal, bool hasIntegration, string path, string label, MappingViolations where)
    {
        if (hasLocal && hasIntegration)
        {
            where.Report(path,
                $"{label} has a constant and both 'field' and 'integrationField'. A constant is written to one column: keep only " +
                "'integrationField' to write it to the integration table, or only 'field' to write it to the table.");
            return;
        }
        var implied = ImpliedConstantDirection(field)!.Value;
        var column = hasLocal ? field.Field : field.IntegrationField;
        if (field.Direction is { } direction && direction != implied)
            where.Report($"{path}.direction",
                $"{label}: a constant for '{column}' is written {implied}, so its direction cannot be {direction}.");
        else if (!mapping.Direction.Permits(implied))
            where.Report(field.Direction is null ? path : $"{path}.direction",
                $"{label}: a constant for '{column}' is written {implied}, which the mapping's direction {mapping.Direction} does not permit.");
    }

    /// <summary>The only direction a constant can flow: towards the one column it names. Null unless exactly one column is given.</summary>
    public static SyncDirection? ImpliedConstantDirection(FieldMapping field)
    {
        var hasLocal = !string.IsNullOrWhiteSpace(field.Field);
        var hasIntegration = !string.IsNullOrWhiteSpace(field.IntegrationField);
        return (hasLocal, hasIntegration) switch
        {
            (false, true) => SyncDirection.ToIntegrationTable,
            (true, false) => SyncDirection.FromIntegrationTable,
            _ => null,
        };
    }

    private static void CheckMatchOn(MappingDefinition mapping, MappingViolations where)
    {
        for (var i = 0; i < mapping.MatchOn.Count; i++)
        {
            var match = mapping.MatchOn[i];
            if (string.IsNullOrWhiteSpace(match.Field) || string.IsNullOrWhiteSpace(match.IntegrationField))
                where.Report($"matchOn[{i}]", $"{where.Label}, matchOn entry #{i + 1} needs both 'field' and 'integrationField'.");
        }
    }

    private static void CheckDependsOn(MappingDefinition mapping, HashSet<string> mappingNames, MappingViolations where)
    {
        for (var i = 0; i < mapping.DependsOn.Count; i++)
        {
            var name = mapping.DependsOn[i];
            if (string.IsNullOrWhiteSpace(name))
                where.Report($"dependsOn[{i}]", $"{where.Label}: dependsOn entry #{i + 1} is empty.");
            else if (!mappingNames.Contains(name))
                where.Report($"dependsOn[{i}]",
                    $"{where.Label} depends on mapping '{name}', which is defined neither in this file nor in the store.");
        }
    }

    /// <summary>The graph is the store's mappings with the imported ones put in their place; a cycle is reported once, at the
    /// dependsOn entry of its first imported mapping (cycles wholly inside the store are not this import's doing).</summary>
    private static void CheckDependencyCycles(
        IReadOnlyList<MappingDefinition> mappings, List<MappingDefinition> known, List<MappingRuleViolation> found)
    {
        var effective = new Dictionary<string, MappingDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in mappings.Where(m => !string.IsNullOrWhiteSpace(m.Name)))
            effective.TryAdd(mapping.Name, mapping);
        var imported = new HashSet<MappingDefinition>(effective.Values, ReferenceEqualityComparer.Instance);
        foreach (var mapping in known.Where(m => !string.IsNullOrWhiteSpace(m.Name)))
            effective.TryAdd(mapping.Name, mapping);

        // Edges use the canonical (as defined) names so the reported path reads like the definitions.
        var graph = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, mapping) in effective)
            graph[name] = mapping.DependsOn
                .Where(d => !string.IsNullOrWhiteSpace(d) && effective.ContainsKey(d))
                .Select(d => effective[d].Name)
                .ToList();

        var fileOrder = mappings.ToList();
        foreach (var cycle in DependencyCycles.Find(graph, effective.Values.Where(imported.Contains).Select(m => m.Name)))
        {
            var members = cycle.Take(cycle.Count - 1).ToList();
            var owners = members.Select(n => effective[n]).Where(imported.Contains).ToList();
            if (owners.Count == 0) continue;
            var owner = owners.MinBy(m => fileOrder.FindIndex(f => ReferenceEquals(f, m)))!;
            var start = members.FindIndex(n => string.Equals(n, owner.Name, StringComparison.OrdinalIgnoreCase));
            var rotated = members.Skip(start).Concat(members.Take(start)).Append(owner.Name).ToList();
            var edge = owner.DependsOn.ToList().FindIndex(d => string.Equals(d, rotated[1], StringComparison.OrdinalIgnoreCase));
            var stored = members.Where(n => !imported.Contains(effective[n])).ToList();
            var storedNote = stored.Count == 0 ? "" : $" (through {string.Join(", ", stored.Select(n => $"'{n}'"))} as already stored)";
            found.Add(new MappingRuleViolation
            {
                Mapping = owner,
                Path = edge >= 0 ? $"dependsOn[{edge}]" : "dependsOn",
                Message = $"Mappings depend on each other in a cycle: {string.Join(" -> ", rotated)}{storedNote}. Remove one of these dependsOn entries.",
            });
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotVariableCharacter();

    private static string PasswordVariableFor(string connectionName) =>
        NotVariableCharacter().Replace(connectionName, "_").ToUpperInvariant() + "_PASSWORD";

    /// <summary>Collects violations for one mapping.</summary>
    private sealed class MappingViolations(MappingDefinition mapping, List<MappingRuleViolation> found)
    {
        public string Label { get; } = string.IsNullOrWhiteSpace(mapping.Name) ? "A mapping without a name" : $"Mapping '{mapping.Name}'";

        public void Report(string path, string message) =>
            found.Add(new MappingRuleViolation { Mapping = mapping, Path = path, Message = message });
    }
}
