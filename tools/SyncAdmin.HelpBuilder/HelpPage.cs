using System.Text.RegularExpressions;

namespace SyncAdmin.HelpBuilder;

public sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

public sealed record HelpTypeNote(string TypeName, IReadOnlyList<string> Description);

/// <summary>One docs/&lt;Cmdlet&gt;.md page: the prose of a cmdlet's help. Syntax and parameter attributes come from the
/// assembly's metadata instead, so they cannot drift from the code.</summary>
public sealed partial record HelpPage(
    string Name,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<HelpExample> Examples,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters,
    IReadOnlyList<HelpTypeNote> Inputs,
    IReadOnlyList<HelpTypeNote> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> RelatedLinks)
{
    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    public static HelpPage Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var name = lines.First(l => l.StartsWith("# ", StringComparison.Ordinal))[2..].Trim();
        var sections = Split(lines, "## ");
        IReadOnlyList<string> Section(string title) => sections.TryGetValue(title, out var body) ? body : Array.Empty<string>();

        var examples = Split(Section("EXAMPLES"), "### ").Select(e => Example(e.Key, e.Value)).ToList();
        var parameters = Split(Section("PARAMETERS"), "### ")
            .ToDictionary(p => p.Key.TrimStart('-'), p => Paragraphs(p.Value), StringComparer.OrdinalIgnoreCase);
        return new HelpPage(
            name,
            string.Join(" ", Paragraphs(Section("SYNOPSIS"))),
            Paragraphs(Section("DESCRIPTION")),
            examples,
            parameters.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.OrdinalIgnoreCase),
            TypeNotes(Section("INPUTS")),
            TypeNotes(Section("OUTPUTS")),
            Paragraphs(Section("NOTES")),
            Section("RELATED LINKS").Where(l => l.TrimStart().StartsWith('-')).Select(l => Plain(l.TrimStart()[1..].Trim())).ToList());
    }

    /// <summary>What a page lacks compared to the cmdlet it documents; empty when complete.</summary>
    public IReadOnlyList<string> Problems(CmdletDefinition cmdlet)
    {
        var problems = new List<string>();
        if (Name != cmdlet.Name) problems.Add($"{cmdlet.Name}: the page is titled '{Name}'.");
        if (Synopsis.Length == 0) problems.Add($"{cmdlet.Name}: no SYNOPSIS.");
        if (Description.Count == 0) problems.Add($"{cmdlet.Name}: no DESCRIPTION.");
        if (Examples.Count == 0) problems.Add($"{cmdlet.Name}: no example.");
        foreach (var example in Examples.Where(e => e.Code.Length == 0)) problems.Add($"{cmdlet.Name}: '{example.Title}' has no code.");
        foreach (var parameter in cmdlet.Parameters)
            if (!Parameters.TryGetValue(parameter.Name, out var text) || text.Count == 0)
                problems.Add($"{cmdlet.Name}: parameter -{parameter.Name} is not described.");
        foreach (var described in Parameters.Keys)
            if (cmdlet.Parameter(described) is null) problems.Add($"{cmdlet.Name}: documents -{described}, which it does not have.");
        if (Outputs.Count == 0) problems.Add($"{cmdlet.Name}: no OUTPUTS.");
        return problems;
    }

    private static Dictionary<string, IReadOnlyList<string>> Split(IReadOnlyList<string> lines, string heading)
    {
        var sections = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string? current = null;
        var body = new List<string>();
        var inCode = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (!inCode && line.StartsWith(heading, StringComparison.Ordinal))
            {
                if (current is not null) sections[current] = body;
                current = line[heading.Length..].Trim();
                body = new List<string>();
                continue;
            }
            if (current is not null) body.Add(line);
        }
        if (current is not null) sections[current] = body;
        return sections;
    }

    private static HelpExample Example(string title, IReadOnlyList<string> lines)
    {
        var code = new List<string>();
        var rest = new List<string>();
        var inCode = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) { inCode = !inCode; continue; }
            (inCode ? code : rest).Add(line);
        }
        return new HelpExample(title, string.Join("\n", code).Trim(), Paragraphs(rest));
    }

    private static List<HelpTypeNote> TypeNotes(IReadOnlyList<string> lines) =>
        Split(lines, "### ").Select(t => new HelpTypeNote(t.Key, Paragraphs(t.Value))).ToList();

    /// <summary>Markdown paragraphs as plain text: lines joined, each list item its own paragraph, links reduced to their
    /// text and code marks removed (help is shown as plain text).</summary>
    private static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        void Flush()
        {
            if (current.Count > 0) paragraphs.Add(Plain(string.Join(" ", current)));
            current.Clear();
        }
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("<!--", StringComparison.Ordinal)) { Flush(); continue; } // blank, or a note for the examples' test
            if (line.StartsWith("- ", StringComparison.Ordinal)) Flush();
            current.Add(line);
        }
        Flush();
        return paragraphs;
    }

    private static string Plain(string text) => Link().Replace(text, "$1").Replace("`", "");
}
