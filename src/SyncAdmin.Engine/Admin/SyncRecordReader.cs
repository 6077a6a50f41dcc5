using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Admin;

/// <summary>Reads the live rows behind record pairs (Get-SyncRecord). Tables stay open per mapping for as long as the
/// reader lives, so a pipeline of a thousand errors opens each database once.</summary>
public sealed class SyncRecordReader : IDisposable
{
    private readonly StateStore _store;
    private readonly Func<ITableOpener> _openers;
    private readonly Dictionary<string, OpenMapping> _open = new(MappingStore.Names);

    public SyncRecordReader(StateStore store, Func<ITableOpener> openers)
    {
        _store = store;
        _openers = openers;
    }

    private sealed record OpenMapping(MappingDefinition Definition, ITableOpener Opener, IRecordTable Local, IRecordTable Integration,
        LookupTranslator Lookups);

    /// <summary>The record with this local key, or else this integration key, of a mapping, through its coupling when it has one.</summary>
    /// <exception cref="ArgumentException">No key is given, or a key does not fit its key column.</exception>
    public SyncRecord Read(string mapping, string? localKey, string? integrationKey)
    {
        if (localKey is null && integrationKey is null) throw new ArgumentException("Give the local or the integration key of the record.");
        var open = Open(mapping);
        var name = open.Definition.Name;
        var coupling = (localKey is not null ? _store.Couplings.Find(name, Side.Local, Normalised(open.Local, localKey)) : null)
                       ?? (integrationKey is not null ? _store.Couplings.Find(name, Side.Integration, Normalised(open.Integration, integrationKey)) : null);
        var keys = coupling is null
            ? (Local: localKey is null ? null : Normalised(open.Local, localKey), Integration: integrationKey is null ? null : Normalised(open.Integration, integrationKey))
            : (Local: coupling.LocalKey, Integration: coupling.IntegrationKey);
        var local = keys.Local is null ? null : open.Local.RowsByKeyText(new[] { keys.Local }).GetValueOrDefault(keys.Local);
        var integration = keys.Integration is null ? null : open.Integration.RowsByKeyText(new[] { keys.Integration }).GetValueOrDefault(keys.Integration);
        RecordPresence Presence(string? key, Row? row) =>
            row is not null ? RecordPresence.Exists
            : key is null ? coupling is null ? RecordPresence.NotCoupled : RecordPresence.NeverCreated
            : coupling is null ? RecordPresence.NotFound : RecordPresence.Deleted;
        return new SyncRecord
        {
            Mapping = name,
            LocalTable = open.Definition.Table.Name,
            LocalKey = keys.Local,
            Local = Presence(keys.Local, local),
            LocalModifiedOn = local?.ModifiedOn,
            IntegrationTable = open.Definition.IntegrationTable.Name,
            IntegrationKey = keys.Integration,
            Integration = Presence(keys.Integration, integration),
            IntegrationModifiedOn = integration?.ModifiedOn,
            Coupling = coupling,
            Fields = FieldComparisons.Of(open.Definition, coupling, local, integration, open.Lookups),
        };
    }

    /// <summary>A key as the store files it (an integer key typed "042" is 42); one that does not fit the key column is an
    /// <see cref="ArgumentException"/> naming the table and column.</summary>
    private static string Normalised(IRecordTable table, string key) => MappingContext.KeyText(table.ParseKey(key));

    private OpenMapping Open(string mapping)
    {
        if (_open.TryGetValue(mapping, out var open)) return open;
        var definition = _store.Mappings.Get(mapping).Definition;
        var opener = _openers();
        try
        {
            var local = opener.Open(definition.Table, MappingContext.ColumnsToRead(definition, Side.Local));
            var integration = opener.Open(definition.IntegrationTable, MappingContext.ColumnsToRead(definition, Side.Integration));
            return _open[mapping] = new OpenMapping(definition, opener, local, integration, new LookupTranslator(_store));
        }
        catch
        {
            opener.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var open in _open.Values)
        {
            open.Local.Dispose();
            open.Integration.Dispose();
            open.Opener.Dispose();
        }
        _open.Clear();
    }
}
