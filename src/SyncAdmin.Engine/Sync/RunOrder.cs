using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Orders the mappings of a run so each runs after the mappings it depends on (lookups need their couplings).</summary>
internal static class RunOrder
{
    public static IReadOnlyList<StoredMapping> Resolve(IReadOnlyList<StoredMapping> all, IReadOnlyList<string>? names)
    {
        // A store written before names compared in full Unicode may hold two spellings of one name: the first one runs.
        var byName = all.GroupBy(m => m.Name, MappingStore.Names).ToDictionary(g => g.Key, g => g.First(), MappingStore.Names);
        var selected = names is null || names.Count == 0
            ? all.ToList()
            : names.Select(n => byName.TryGetValue(n, out var m) ? m : throw new MappingNotFoundException(n)).DistinctBy(m => m.Name).ToList();
        var chosen = selected.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<StoredMapping>();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Visit(StoredMapping mapping, List<string> path)
        {
            if (visited.Contains(mapping.Name)) return;
            if (path.Contains(mapping.Name, StringComparer.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Mappings depend on each other in a cycle: {string.Join(" -> ", path.Append(mapping.Name))}.");
            path.Add(mapping.Name);
            foreach (var dependency in mapping.Definition.DependsOn)
                if (chosen.Contains(dependency) && byName.TryGetValue(dependency, out var d)) Visit(d, path);
            path.RemoveAt(path.Count - 1);
            visited.Add(mapping.Name);
            ordered.Add(mapping);
        }
        foreach (var mapping in selected.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase)) Visit(mapping, new List<string>());
        return ordered;
    }
}
