using System.Data.Common;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Providers;

/// <summary>Opens mapping tables through the connections the store knows, one connection per name for the opener's
/// lifetime (one run), with a credential per connection overriding the connection string's.</summary>
public sealed class DatabaseTableOpener : ITableOpener
{
    private readonly MappingStore _mappings;
    private readonly IReadOnlyDictionary<string, DatabaseCredential>? _credentials;
    private readonly Dictionary<string, (DbConnection Connection, ProviderKind Provider)> _open = new(StringComparer.OrdinalIgnoreCase);

    public DatabaseTableOpener(MappingStore mappings, IReadOnlyDictionary<string, DatabaseCredential>? credentials)
    {
        _mappings = mappings;
        _credentials = credentials;
    }

    public IRecordTable Open(TableDefinition table, IReadOnlyCollection<string> columns)
    {
        if (!_open.TryGetValue(table.Connection, out var open))
        {
            var definition = _mappings.FindConnection(table.Connection)
                             ?? throw new ConfigurationException($"There is no connection named '{table.Connection}' in the store.");
            var credential = _credentials?.GetValueOrDefault(definition.Name);
            open = (DatabaseConnections.Open(definition, credential), definition.Provider);
            _open[table.Connection] = open;
        }
        return DatabaseConnections.OpenTable(open.Connection, open.Provider, table, columns);
    }

    public void Dispose()
    {
        foreach (var (connection, _) in _open.Values) connection.Dispose();
        _open.Clear();
    }
}
