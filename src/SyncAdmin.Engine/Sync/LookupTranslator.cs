using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Translates a foreign-key value through another mapping's couplings (a customer's currency code → the coupled
/// CRM currency id). Answers are cached for the run; a page's values are fetched in one query.</summary>
internal sealed class LookupTranslator
{
    private readonly StateStore _store;
    private readonly Dictionary<(string Mapping, Side From, string Key), string?> _cache = new();
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Couplings are filed under the mapping's stored spelling; a file may write the lookup as currency or CURRENCY.</summary>
    private string Stored(string mapping)
    {
        if (!_names.TryGetValue(mapping, out var stored))
            _names[mapping] = stored = _store.Mappings.Find(mapping)?.Name ?? mapping;
        return stored;
    }

    public LookupTranslator(StateStore store) => _store = store;

    /// <summary>Enough for every currency, country or salesperson; a lookup into a huge table stays bounded.</summary>
    private const int CacheLimit = 100_000;

    public void Prefetch(string mapping, Side from, IEnumerable<string> keys)
    {
        mapping = Stored(mapping);
        if (_cache.Count > CacheLimit) _cache.Clear();
        var missing = keys.Where(k => !_cache.ContainsKey((mapping, from, k))).Distinct().ToList();
        if (missing.Count == 0) return;
        var found = _store.Couplings.FindMany(mapping, from, missing);
        foreach (var key in missing)
            _cache[(mapping, from, key)] = found.TryGetValue(key, out var c) && c.IsCoupled ? c.Key(from.Other()) : null;
    }

    /// <summary>The key coupled on the other side to <paramref name="key"/> on side <paramref name="from"/>, or null.</summary>
    public string? Translate(string mapping, Side from, string key)
    {
        mapping = Stored(mapping);
        Prefetch(mapping, from, new[] { key });
        return _cache[(mapping, from, key)];
    }
}
