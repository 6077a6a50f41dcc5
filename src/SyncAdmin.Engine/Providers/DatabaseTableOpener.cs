using System.Data.Common;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Providers;

/// <summary>Opens mapping tables through the connections the store knows, with a credential per connection overriding the
/// connection string's. Each table gets its own connection (one connection holds one transaction); all are closed
/// when the opener is disposed at the end of a run.</summary>
public sealed class DatabaseTableOpener : ITableOpener
{
    private readonly Func<string, ConnectionDefinition?> _connections;
    private readonly IReadOnlyDictionary<string, DatabaseCredential>? _credentials;
    private readonly List<DbConnection> _open = new();

    public DatabaseTableOpener(MappingStore mappings, IReadOnlyDictionary<string, DatabaseCredential>? credentials)
        : this(mappings.FindConnection, credentials)
    {
    }

    /// <summary>Opens through the connections <paramref name="connections"/> names (a file being imported, then the store).</summary>
    public DatabaseTableOpener(Func<string, ConnectionDefinition?> connections, IReadOnlyDictionary<string, DatabaseCredential>? credentials)
    {
        _connections = connections;
        _credentials = credentials;
    }

    public IRecordTable Open(TableDefinition table, IReadOnlyCollection<string> columns)
    {
        var definition = _connections(table.Connection)
                         ?? throw new ConfigurationException($"There is no connection named '{table.Connection}' in the store.");
        var connection = DatabaseConnections.Open(definition, _credentials?.GetValueOrDefault(definition.Name));
        _open.Add(connection);
        return DatabaseConnections.OpenTable(connection, definition.Provider, table, columns, ConnectionDisplay.Of(definition));
    }

    public void Dispose()
    {
        foreach (var connection in _open) connection.Dispose();
        _open.Clear();
    }
}
