namespace SyncAdmin.Parameters;

/// <summary>Which stored mappings a -Name argument selects. No argument selects all of them. A wildcard that matches
/// nothing selects nothing, silently (as Get-ChildItem does); a plain name that matches nothing is reported.</summary>
internal sealed class MappingNameSelection
{
    private MappingNameSelection(bool all, IReadOnlyList<string> names, IReadOnlyList<string> notFound)
    {
        All = all;
        Names = names;
        NotFound = notFound;
    }

    /// <summary>True when no name was given: every mapping, including ones a log entry names but the store no longer holds.</summary>
    public bool All { get; }

    /// <summary>Matched mappings, spelled as stored, in the order they were asked for.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Plain names (no wildcard) that match no stored mapping.</summary>
    public IReadOnlyList<string> NotFound { get; }

    /// <summary>Nothing to act on. The engine reads an empty list as "all mappings", so this must be checked first.</summary>
    public bool IsEmpty => !All && Names.Count == 0;

    /// <summary>The engine's filter: null for all mappings, else the matched names (never empty when called).</summary>
    public IReadOnlyList<string>? EngineFilter =>
        All ? null : IsEmpty ? throw new InvalidOperationException("An empty selection has no engine filter; check IsEmpty first.") : Names;

    /// <summary>Every mapping, including ones the store no longer holds (a lookup by id is not limited by name).</summary>
    public static MappingNameSelection Everything { get; } = new(true, Array.Empty<string>(), Array.Empty<string>());

    public static MappingNameSelection Select(IEnumerable<string> storedNames, IReadOnlyList<string>? requested)
    {
        var stored = storedNames.ToList();
        if (requested is null || requested.Count == 0) return new MappingNameSelection(true, stored, Array.Empty<string>());
        var names = new List<string>();
        var notFound = new List<string>();
        foreach (var pattern in requested.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (WildcardName.HasWildcards(pattern))
            {
                var wildcard = new WildcardName(pattern);
                names.AddRange(stored.Where(wildcard.IsMatch));
                continue;
            }
            var name = WildcardName.Unescape(pattern);
            var match = stored.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
            if (match is null) notFound.Add(name);
            else names.Add(match);
        }
        return new MappingNameSelection(false, names.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), notFound);
    }
}
