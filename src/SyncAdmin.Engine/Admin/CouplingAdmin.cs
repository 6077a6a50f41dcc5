using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Admin;

/// <summary>Couples and uncouples records by hand (Business Central's "Couple" and "Delete Coupling").</summary>
public sealed class CouplingAdmin
{
    private readonly StateStore _store;
    private readonly Func<ITableOpener> _openers;

    public CouplingAdmin(StateStore store, Func<ITableOpener> openers)
    {
        _store = store;
        _openers = openers;
    }

    /// <summary>Couplings of a mapping (or all), optionally only the one with a given key on either side.</summary>
    public IEnumerable<Coupling> List(string? mapping = null, string? localKey = null, string? integrationKey = null)
    {
        var name = mapping is null ? null : _store.Mappings.Get(mapping).Name;
        if (name is not null && (localKey is not null || integrationKey is not null))
        {
            var found = localKey is not null
                ? _store.Couplings.Find(name, Side.Local, localKey)
                : _store.Couplings.Find(name, Side.Integration, integrationKey!);
            if (found is not null && found.IsCoupled
                && (localKey is null || found.LocalKey == localKey) && (integrationKey is null || found.IntegrationKey == integrationKey))
                yield return found;
            yield break;
        }
        foreach (var coupling in _store.Couplings.All(name, skippedOnly: false))
            if (coupling.IsCoupled) yield return coupling;
    }

    /// <summary>Couples two existing records. The next sync treats the pass's source as changed, so its values flow
    /// (To first for a bidirectional mapping), as after a match-based coupling.</summary>
    public Coupling Couple(string mapping, string localKey, string integrationKey)
    {
        var stored = _store.Mappings.Get(mapping);
        using var opener = _openers();
        var keys = new Dictionary<Side, string>();
        foreach (var side in new[] { Side.Local, Side.Integration })
        {
            var definition = stored.Definition.TableOf(side);
            using var table = opener.Open(definition, MappingContext.ColumnsToRead(stored.Definition, side));
            var key = table.ParseKey(side == Side.Local ? localKey : integrationKey);
            if (table.ReadByKeys(new[] { key }).Count == 0)
                throw new ArgumentException($"{definition.Name} {key} does not exist.");
            keys[side] = MappingContext.KeyText(key);
        }
        return _store.InTransaction(() =>
        {
            foreach (var side in keys.Keys)
            {
                var existing = _store.Couplings.Find(stored.Name, side, keys[side]);
                if (existing is { IsCoupled: true })
                    throw new InvalidOperationException(
                        $"{stored.Definition.TableOf(side).Name} {keys[side]} is already coupled to " +
                        $"{stored.Definition.TableOf(side.Other()).Name} {existing.Key(side.Other())}. Remove that coupling first.");
                if (existing is not null) _store.Couplings.Delete(existing); // a failed insert of that record: superseded
            }
            var coupling = new Coupling { Mapping = stored.Name, LocalKey = keys[Side.Local], IntegrationKey = keys[Side.Integration] };
            _store.Couplings.Save(coupling);
            return coupling;
        });
    }

    /// <summary>Removes the coupling of a record; false when it had none.</summary>
    public bool Uncouple(string mapping, string? localKey, string? integrationKey)
    {
        var name = _store.Mappings.Get(mapping).Name;
        var coupling = localKey is not null ? _store.Couplings.Find(name, Side.Local, localKey)
            : integrationKey is not null ? _store.Couplings.Find(name, Side.Integration, integrationKey)
            : throw new ArgumentException("Give the local or the integration key of the record.");
        if (coupling is null) return false;
        _store.Couplings.Delete(coupling);
        return true;
    }
}
