using System.Text;
using YamlDotNet.RepresentationModel;

namespace SyncAdmin.Engine.Configuration;

/// <summary>Reads a mapping file (DESIGN.md §2) into a <see cref="MappingDocument"/> and checks it with
/// <see cref="MappingRules"/>. Every problem is a <see cref="ConfigurationException"/> naming the file, line and column;
/// a file with any problem yields nothing, so nothing of it is imported.</summary>
public static class MappingFileLoader
{
    private static readonly string[] DocumentKeys = ["connections", "mappings"];
    private static readonly string[] ConnectionKeys = ["provider", "connectionString"];
    private static readonly string[] MappingKeys =
    [
        "name", "table", "integrationTable", "direction", "syncOnlyCoupledRecords", "updateConflictResolution",
        "deletionConflictResolution", "dependsOn", "matchOn", "fieldLevelMerge", "skipAfterRepeatedFailures",
        "watermarkOverlapSeconds", "batchSize", "fields",
    ];
    private static readonly string[] TableKeys = ["connection", "name", "key", "modifiedOn", "filter", "setModifiedOn"];
    private static readonly string[] FieldKeys = ["field", "integrationField", "direction", "constant", "lookup", "clearValueOnFailedSync"];
    private static readonly string[] MatchKeys = ["field", "integrationField"];

    // The model's own defaults, so the file and the model cannot disagree about them.
    private static readonly TableDefinition TableDefaults = new() { Connection = "", Name = "", Key = "" };
    private static readonly MappingDefinition MappingDefaults = new() { Name = "", Table = TableDefaults, IntegrationTable = TableDefaults };

    public static MappingDocument Load(string path) => Load(path, null, null);

    /// <summary>Loads a file whose mappings may refer to connections and mappings already in the store.</summary>
    public static MappingDocument Load(
        string path, IEnumerable<ConnectionDefinition>? knownConnections, IEnumerable<MappingDefinition>? knownMappings)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationException($"Cannot read the mapping file: {e.Message}", path, inner: e);
        }
        return Parse(yaml, path, knownConnections, knownMappings);
    }

    public static MappingDocument Parse(string yaml, string? fileName) => Parse(yaml, fileName, null, null);

    /// <summary>Parses mapping YAML; <paramref name="fileName"/> only labels messages and <see cref="MappingDocument.SourcePath"/>.</summary>
    public static MappingDocument Parse(
        string yaml, string? fileName, IEnumerable<ConnectionDefinition>? knownConnections, IEnumerable<MappingDefinition>? knownMappings)
    {
        var root = YamlSource.ReadRoot(yaml, fileName);
        if (root is null || YamlMapReader.IsNull(root))
            throw new ConfigurationException("The file is empty: it defines no connections and no mappings.", fileName);

        var document = ReadDocument(root, fileName);
        if (document.Connections.Count == 0 && document.Mappings.Count == 0)
            throw YamlMapReader.Error(root, fileName, "The file defines no connections and no mappings.");

        var violations = MappingRules.Check(document, knownConnections, knownMappings);
        if (violations.Count > 0)
            throw ToException(violations, document, new YamlPathIndex(root), fileName);
        return document;
    }

    private static MappingDocument ReadDocument(YamlNode root, string? file)
    {
        var top = YamlMapReader.Open(root, "the file", file, DocumentKeys);
        var connections = new List<ConnectionDefinition>();
        if (top.MapAnyKeys("connections", "'connections'") is { } connectionMap)
            foreach (var (name, _, value) in connectionMap.Entries)
                connections.Add(ReadConnection(name, value, file));

        var mappings = top.List("mappings", "one '- name: CUSTOMER' entry per mapping")
            .Select(node => ReadMapping(node, file))
            .ToList();
        return new MappingDocument { SourcePath = file, Connections = connections, Mappings = mappings };
    }

    private static ConnectionDefinition ReadConnection(string name, YamlNode node, string? file)
    {
        var what = $"connection '{name}'";
        if (node is not YamlMappingNode)
            throw YamlMapReader.Error(node, file, $"Connection '{name}' must be a map {{ provider, connectionString }}, not a single value or list " +
                                                 "(not shown: a connection's values may hold secrets).");
        var reader = YamlMapReader.Open(node, what, file, ConnectionKeys, quotesValues: false);
        // No default provider: a SQL Server connection string read as SQLite would fail far from its cause.
        var provider = reader.Choice<ProviderKind>("provider", lowerCaseNames: true)
            ?? throw reader.Error(node, $"Connection '{name}' needs a 'provider' (sqlite or sqlserver).");
        return new ConnectionDefinition
        {
            Name = name,
            Provider = provider,
            ConnectionString = reader.Text("connectionString") ?? "",
        };
    }

    private static MappingDefinition ReadMapping(YamlNode node, string? file)
    {
        // The name labels messages about this mapping, including an unknown key found before 'name' is read.
        var nameNode = (node as YamlMappingNode)?.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "name" }).Value;
        var what = nameNode is YamlScalarNode { Value: { Length: > 0 } name } ? $"mapping '{name}'" : "a mapping";
        var reader = YamlMapReader.Open(node, what, file, MappingKeys);
        var label = char.ToUpperInvariant(what[0]) + what[1..];

        var table = reader.Map("table", $"the table of {what}", TableKeys)
            ?? throw reader.Error(node, $"{label} needs a 'table' (connection, name, key).");
        var integrationTable = reader.Map("integrationTable", $"the integration table of {what}", TableKeys)
            ?? throw reader.Error(node, $"{label} needs an 'integrationTable' (connection, name, key).");

        var fields = reader.List("fields", "[{ field: Name, integrationField: name }]");
        var matchOn = reader.List("matchOn", "[{ field: Email, integrationField: emailaddress1 }]");
        return new MappingDefinition
        {
            Name = reader.Text("name") ?? "",
            Table = ReadTable(table, $"the table of {what}", file),
            IntegrationTable = ReadTable(integrationTable, $"the integration table of {what}", file),
            Direction = reader.Choice<SyncDirection>("direction") ?? MappingDefaults.Direction,
            SyncOnlyCoupledRecords = reader.Boolean("syncOnlyCoupledRecords") ?? MappingDefaults.SyncOnlyCoupledRecords,
            UpdateConflictResolution = reader.Choice<UpdateConflictResolution>("updateConflictResolution") ?? MappingDefaults.UpdateConflictResolution,
            DeletionConflictResolution = reader.Choice<DeletionConflictResolution>("deletionConflictResolution") ?? MappingDefaults.DeletionConflictResolution,
            DependsOn = reader.List("dependsOn", "[CURRENCY]")
                .Select(n => YamlMapReader.ScalarText(n, $"a dependsOn entry of {what}", file) ?? "")
                .ToList(),
            MatchOn = matchOn.Select((n, i) => ReadMatch(n, $"matchOn entry #{i + 1} of {what}", file)).ToList(),
            FieldLevelMerge = reader.Boolean("fieldLevelMerge") ?? MappingDefaults.FieldLevelMerge,
            SkipAfterRepeatedFailures = reader.Integer("skipAfterRepeatedFailures") ?? MappingDefaults.SkipAfterRepeatedFailures,
            WatermarkOverlapSeconds = reader.Integer("watermarkOverlapSeconds") ?? MappingDefaults.WatermarkOverlapSeconds,
            BatchSize = reader.Integer("batchSize") ?? MappingDefaults.BatchSize,
            Fields = fields.Select((n, i) => ReadField(n, $"field mapping #{i + 1} of {what}", file)).ToList(),
        };
    }

    private static TableDefinition ReadTable(YamlMapReader reader, string what, string? file)
    {
        var filter = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (reader.MapAnyKeys("filter", $"the filter of {what}") is { } filterMap)
            foreach (var (column, _, value) in filterMap.Entries)
                filter[column] = YamlMapReader.ScalarText(value, $"the filter value for '{column}' of {what}", file);

        // Missing required columns become empty text; MappingRules reports them, for files and stored mappings alike.
        return new TableDefinition
        {
            Connection = reader.Text("connection") ?? "",
            Name = reader.Text("name") ?? "",
            Key = reader.Text("key") ?? "",
            ModifiedOn = reader.Text("modifiedOn"),
            Filter = filter,
            SetModifiedOn = reader.Boolean("setModifiedOn") ?? TableDefaults.SetModifiedOn,
        };
    }

    private static FieldMapping ReadField(YamlNode node, string what, string? file)
    {
        var reader = YamlMapReader.Open(node, what, file, FieldKeys);
        var field = new FieldMapping
        {
            Field = reader.Text("field"),
            IntegrationField = reader.Text("integrationField"),
            Direction = reader.Choice<SyncDirection>("direction"),
            // Present-but-null is a real constant (write null), so presence, not value, decides.
            HasConstant = reader.Has("constant"),
            Constant = reader.Text("constant"),
            Lookup = reader.Text("lookup"),
            ClearValueOnFailedSync = reader.Boolean("clearValueOnFailedSync") ?? false,
        };
        // A constant flows only towards its one column; storing that direction keeps EffectiveDirection right for it.
        return field is { HasConstant: true, Direction: null }
            ? field with { Direction = MappingRules.ImpliedConstantDirection(field) }
            : field;
    }

    private static MatchField ReadMatch(YamlNode node, string what, string? file)
    {
        var reader = YamlMapReader.Open(node, what, file, MatchKeys);
        return new MatchField { Field = reader.Text("field") ?? "", IntegrationField = reader.Text("integrationField") ?? "" };
    }

    /// <summary>How many problems one message lists after the first; the rest are counted.</summary>
    public const int MaxProblemsListed = 50;

    /// <summary>One exception for all violations, located at the first in file order; the others are listed with their lines.</summary>
    private static ConfigurationException ToException(
        IReadOnlyList<MappingRuleViolation> violations, MappingDocument document, YamlPathIndex index, string? file)
    {
        var located = violations
            .Select(v => (Violation: v, Mark: index.Locate(DocumentPath(v, document))))
            .OrderBy(v => v.Mark is null)
            .ThenBy(v => v.Mark?.Line)
            .ThenBy(v => v.Mark?.Column)
            .ToList();

        var (first, firstMark) = located[0];
        var message = new StringBuilder(first.Message);
        if (located.Count > 1)
        {
            message.Append($"\n{located.Count - 1} more problem{(located.Count > 2 ? "s" : "")} in this file:");
            foreach (var (violation, mark) in located.Skip(1).Take(MaxProblemsListed))
                message.Append(mark is { } m
                    ? $"\n  line {m.Line}, column {m.Column}: {violation.Message}"
                    : $"\n  {violation.Message}");
            if (located.Count - 1 > MaxProblemsListed)
                message.Append($"\n  … and {located.Count - 1 - MaxProblemsListed} more (fix these first).");
        }
        return firstMark is { } at
            ? new ConfigurationException(message.ToString(), file, YamlSource.Line(at), YamlSource.Column(at))
            : new ConfigurationException(message.ToString(), file);
    }

    private static string DocumentPath(MappingRuleViolation violation, MappingDocument document)
    {
        string owner;
        if (violation.Mapping is { } mapping)
        {
            var i = document.Mappings.ToList().FindIndex(m => ReferenceEquals(m, mapping));
            owner = $"mappings[{i}]";
        }
        else if (violation.Connection is { } connection)
            owner = YamlPathIndex.Join("connections", connection.Name);
        else
            owner = "";
        return violation.Path.Length == 0 ? owner : YamlPathIndex.Join(owner, violation.Path);
    }
}
