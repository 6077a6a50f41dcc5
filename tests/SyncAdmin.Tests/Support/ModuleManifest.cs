using System.Text.RegularExpressions;

namespace SyncAdmin.Tests.Support;

/// <summary>Reads the keys of a .psd1 module manifest that the tests check (a hashtable of strings and string arrays;
/// enough for our manifests, not a PowerShell parser).</summary>
public sealed partial class ModuleManifest
{
    private readonly string _text;

    public ModuleManifest(string path)
    {
        Path = path;
        _text = string.Join("\n", File.ReadAllLines(path).Select(l => l.TrimStart().StartsWith('#') ? "" : l));
    }

    public string Path { get; }

    [GeneratedRegex(@"'((?:[^']|'')*)'")]
    private static partial Regex Quoted();

    public string? Value(string key)
    {
        var match = Regex.Match(_text, $@"^\s*{key}\s*=\s*'([^']*)'", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The strings of <c>Key = @( ... )</c>; null when the key is absent.</summary>
    public IReadOnlyList<string>? List(string key)
    {
        var match = Regex.Match(_text, $@"^\s*{key}\s*=\s*@\(([^)]*)\)", RegexOptions.Multiline);
        return match.Success ? Quoted().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value.Replace("''", "'")).ToList() : null;
    }
}
