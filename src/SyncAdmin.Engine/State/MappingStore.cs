using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>Mappings, their connections and watermarks: the run-time source of truth every worker reads. Names compare
/// one way everywhere: ordinal, ignoring case in full Unicode (CAFÉ is café), here as in the file rules and the cmdlets.
/// The store's own collation folds only ASCII, so names are matched here, never by the database.</summary>
public sealed class MappingStore
{
    public static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    private readonly StateStore _store;

    internal MappingStore(StateStore store) => _store = store;

    /// <summary>Stores every connection and mapping of an already validated document, in one transaction.
    /// A re-imported mapping keeps its watermarks unless one of its tables changed.</summary>
    public void Save(MappingDocument document) => _store.InTransaction(() =>
    {
        foreach (var connection in document.Connections) SaveConnection(connection);
        foreach (var mapping in document.Mappings) Save(mapping, document.SourcePath);
    });

    public void SaveConnection(ConnectionDefinition connection) => _store.InTransaction(() =>
    {
        using var update = _store.Command("UPDATE connections SET provider = @provider, connection_string = @cs WHERE name = @name");
        update.With("@name", FindConnection(connection.Name)?.Name ?? connection.Name)
            .With("@provider", connection.Provider.ToString()).With("@cs", connection.ConnectionString);
        if (update.ExecuteNonQuery() > 0) return;
        using var insert = _store.Command("INSERT INTO connections(name, provider, connection_string) VALUES (@name, @provider, @cs)");
        insert.With("@name", connection.Name).With("@provider", connection.Provider.ToString()).With("@cs", connection.ConnectionString);
        insert.ExecuteNonQuery();
    });

    public void Save(MappingDefinition mapping, string? sourceFile) => _store.InTransaction(() =>
    {
        var existing = Find(mapping.Name);
        // The stored spelling stays: couplings, jobs and errors are filed under it.
        if (existing is not null) mapping = mapping with { Name = existing.Name };
        var keepLocal = existing is not null && SameTable(existing.Definition.Table, mapping.Table);
        var keepIntegration = existing is not null && SameTable(existing.Definition.IntegrationTable, mapping.IntegrationTable);
        using var command = _store.Command(existing is null
            ? """
              INSERT INTO mappings(name, definition, source_file, imported_at, local_watermark, integration_watermark)
              VALUES (@name, @definition, @file, @now, NULL, NULL)
              """
            : """
              UPDATE mappings SET definition = @definition, source_file = @file, imported_at = @now,
                  local_watermark = CASE WHEN @keepLocal = 1 THEN local_watermark ELSE NULL END,
                  integration_watermark = CASE WHEN @keepIntegration = 1 THEN integration_watermark ELSE NULL END
              WHERE name = @name
              """);
        command.With("@name", existing?.Name ?? mapping.Name).With("@definition", DefinitionJson.Write(mapping))
            .With("@file", sourceFile).With("@now", StoreValues.Time(_store.UtcNow))
            .With("@keepLocal", keepLocal).With("@keepIntegration", keepIntegration);
        command.ExecuteNonQuery();
    });

    private static bool SameTable(TableDefinition a, TableDefinition b) =>
        string.Equals(a.Connection, b.Connection, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Key, b.Key, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.ModifiedOn, b.ModifiedOn, StringComparison.OrdinalIgnoreCase);

    public StoredMapping? Find(string name) => List().FirstOrDefault(m => Names.Equals(m.Name, name));

    public StoredMapping Get(string name) =>
        Find(name) ?? throw new MappingNotFoundException(name);

    public IReadOnlyList<StoredMapping> List()
    {
        using var command = _store.Command(SelectMapping + " ORDER BY name");
        return ReadMappings(command);
    }

    public ConnectionDefinition? FindConnection(string name) => ListConnections().FirstOrDefault(c => Names.Equals(c.Name, name));

    public IReadOnlyList<ConnectionDefinition> ListConnections()
    {
        using var command = _store.Command(SelectConnection + " ORDER BY name");
        return ReadConnections(command);
    }

    private const string SelectConnection = "SELECT name, provider, connection_string FROM connections";

    private static List<ConnectionDefinition> ReadConnections(System.Data.Common.DbCommand command)
    {
        var result = new List<ConnectionDefinition>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            result.Add(new ConnectionDefinition
            {
                Name = reader.GetString(0),
                Provider = Enum.Parse<ProviderKind>(reader.GetString(1)),
                ConnectionString = reader.GetString(2),
            });
        return result;
    }

    /// <summary>Moves a side's watermark, only ever forward.</summary>
    public void AdvanceWatermark(string name, Side side, DateTime watermark)
    {
        var column = side == Side.Local ? "local_watermark" : "integration_watermark";
        using var command = _store.Command(
            $"UPDATE mappings SET {column} = @w WHERE name = @name AND ({column} IS NULL OR {column} < @w)");
        command.With("@w", StoreValues.Time(watermark)).With("@name", name);
        command.ExecuteNonQuery();
    }

    /// <summary>Sets a side's watermark to any value, back or forward, or clears it (the next run reads every record of
    /// that side): the admin's move, not a run's.</summary>
    public void SetWatermark(string name, Side side, DateTime? watermark)
    {
        var column = side == Side.Local ? "local_watermark" : "integration_watermark";
        using var command = _store.Command($"UPDATE mappings SET {column} = @w WHERE name = @name");
        command.With("@w", watermark is null ? null : StoreValues.Time(watermark.Value)).With("@name", name);
        command.ExecuteNonQuery();
    }

    /// <summary>Removes a mapping with its watermarks, lease, couplings, errors and jobs (the caller decides whether that
    /// history may go). Its connections stay: other mappings may use them.</summary>
    public void Remove(string name) => _store.InTransaction(() =>
    {
        using (var intents = _store.Command("DELETE FROM intents WHERE coupling_id IN (SELECT id FROM couplings WHERE mapping = @m)"))
            intents.With("@m", name).ExecuteNonQuery();
        foreach (var table in new[] { "couplings", "errors", "jobs", "leases" })
        {
            using var history = _store.Command($"DELETE FROM {table} WHERE mapping = @m");
            history.With("@m", name).ExecuteNonQuery();
        }
        using var mapping = _store.Command("DELETE FROM mappings WHERE name = @m");
        mapping.With("@m", name).ExecuteNonQuery();
    });

    private const string SelectMapping =
        "SELECT definition, source_file, imported_at, local_watermark, integration_watermark FROM mappings";

    private static List<StoredMapping> ReadMappings(System.Data.Common.DbCommand command)
    {
        var result = new List<StoredMapping>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            result.Add(new StoredMapping(
                DefinitionJson.Read<MappingDefinition>(reader.GetString(0)),
                StoreValues.ReadString(reader, 1),
                StoreValues.ReadTime(reader, 2)!.Value,
                StoreValues.ReadTime(reader, 3),
                StoreValues.ReadTime(reader, 4)));
        return result;
    }
}

public sealed class MappingNotFoundException : Exception
{
    public MappingNotFoundException(string name) : base($"There is no integration table mapping named '{name}'.") => MappingName = name;

    public string MappingName { get; }
}
