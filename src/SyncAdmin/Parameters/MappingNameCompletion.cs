namespace SyncAdmin.Parameters;

/// <summary>Tab completion of mapping names: stored names starting with what was typed (quotes and wildcards allowed),
/// quoted when they hold characters PowerShell would split on.</summary>
internal static class MappingNameCompletion
{
    public static IReadOnlyList<string> Complete(IEnumerable<string> storedNames, string? wordToComplete)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        var pattern = new WildcardName(typed + "*");
        return storedNames.Where(pattern.IsMatch)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Select(Quote)
            .ToList();
    }

    private static string Quote(string name) =>
        name.Any(c => char.IsWhiteSpace(c) || "'\"`$(){}[];,|&@#<>".Contains(c)) ? "'" + name.Replace("'", "''") + "'" : name;
}
