namespace SyncAdmin.Engine.Configuration;

/// <summary>Finds cycles in the <c>dependsOn</c> graph, which would leave no order to run mappings in.</summary>
internal static class DependencyCycles
{
    /// <summary>Cycles reachable from <paramref name="startNames"/>, each as the list of names walked, first name repeated
    /// last (<c>A, B, A</c>). Names compare case-insensitively; edges to names not in <paramref name="dependsOn"/> are ignored.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(
        IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn, IEnumerable<string> startNames)
    {
        var cycles = new List<IReadOnlyList<string>>();
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var path = new List<string>();

        void Visit(string name)
        {
            var onPath = path.FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (onPath >= 0)
            {
                cycles.Add([.. path.Skip(onPath), path[onPath]]);
                return;
            }
            if (!done.Add(name)) return;
            path.Add(name);
            foreach (var next in dependsOn[name])
                if (dependsOn.ContainsKey(next))
                    Visit(next);
            path.RemoveAt(path.Count - 1);
        }

        foreach (var start in startNames)
            if (dependsOn.ContainsKey(start))
                Visit(start);
        return cycles;
    }
}
