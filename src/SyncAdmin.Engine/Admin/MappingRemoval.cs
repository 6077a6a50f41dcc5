using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Admin;

/// <summary>What removing a mapping takes with it: its couplings, its error log entries and its job history.</summary>
public sealed record MappingHistory(string Mapping, long Couplings, long Errors, long Jobs)
{
    public bool IsEmpty => Couplings == 0 && Errors == 0 && Jobs == 0;

    public override string ToString() => $"{Couplings} coupling(s), {Errors} error(s) and {Jobs} job(s)";
}

/// <summary>Removes a stored mapping (Remove-IntegrationMapping). Refused while another mapping depends on it or looks
/// values up through it, and while a run holds it; its history (couplings, errors, jobs) goes only when the caller says
/// so, since without its couplings a re-imported mapping would insert every record again.</summary>
public sealed class MappingRemoval
{
    private readonly StateStore _store;

    public MappingRemoval(StateStore store) => _store = store;

    /// <summary>The stored mapping a name means: the exact spelling first (a store written before names compared in
    /// full Unicode may hold two spellings), else the one the name matches ignoring case.</summary>
    public StoredMapping Find(string name)
    {
        var all = _store.Mappings.List();
        return all.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
               ?? all.FirstOrDefault(m => MappingStore.Names.Equals(m.Name, name))
               ?? throw new MappingNotFoundException(name);
    }

    public MappingHistory History(string name)
    {
        var mapping = Find(name).Name;
        return new MappingHistory(mapping, _store.Couplings.Count(mapping), _store.Errors.Count(mapping), _store.Jobs.Count(mapping));
    }

    /// <exception cref="InvalidOperationException">Another mapping needs it, a run holds it, or it has history and
    /// <paramref name="withHistory"/> is false.</exception>
    public MappingHistory Remove(string name, bool withHistory) => _store.InTransaction(() =>
    {
        var mapping = Find(name);
        var dependents = _store.Mappings.List()
            .Where(m => !ReferenceEquals(m, mapping) && m.Name != mapping.Name)
            .Where(m => m.Definition.DependsOn.Contains(mapping.Name, MappingStore.Names)
                        || m.Definition.Fields.Any(f => f.Lookup is not null && MappingStore.Names.Equals(f.Lookup, mapping.Name)))
            .Select(m => m.Name)
            .ToList();
        if (dependents.Count > 0)
            throw new InvalidOperationException(
                $"Mapping '{mapping.Name}' cannot be removed: {string.Join(", ", dependents.Select(d => $"'{d}'"))} depend(s) on it or look values " +
                "up through it. Change or remove those first.");
        if (_store.Leases.Holder(mapping.Name) is { } lease && lease.ExpiresAt > _store.UtcNow)
            throw new LeaseHeldException(lease);
        var history = History(mapping.Name);
        if (!history.IsEmpty && !withHistory)
            throw new InvalidOperationException(
                $"Mapping '{mapping.Name}' has {history}; removing it removes them too. Confirm, or give -Force.");
        _store.Mappings.Remove(mapping.Name);
        return history;
    });
}
