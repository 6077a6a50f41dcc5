using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SyncAdmin.Engine.Configuration;

/// <summary>Bounds the work a mapping file can cause, on the parser's event stream, before any node tree is built:
/// nesting deeper than <see cref="MaxDepth"/>, an alias inside the node it names (an endless structure), an alias to
/// an anchor never defined, and aliases that expand to more than <see cref="MaxExpandedNodes"/> nodes are refused at
/// their line and column. The scan itself is linear in the file: a node's expanded size is counted once, when it ends.</summary>
internal static class YamlBudget
{
    public const int MaxDepth = 64;
    public const long MaxExpandedNodes = 100_000;
    public const int MaxFileLength = 4 * 1024 * 1024;

    public static void Check(string yaml, IParser parser, string? file)
    {
        if (yaml.Length > MaxFileLength)
            throw new ConfigurationException(
                $"The file is {yaml.Length:N0} characters long; a mapping file may hold at most {MaxFileLength:N0}.", file);
        var open = new Stack<(string? Anchor, long ExpandedAtStart)>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal); // anchor → expanded size of its node
        long expanded = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case AnchorAlias alias:
                    var name = alias.Value.Value;
                    if (open.Any(o => o.Anchor == name))
                        throw At(alias, file, $"The alias *{name} is inside the node &{name} names: it would never end.");
                    if (!anchors.TryGetValue(name, out var size))
                        throw At(alias, file, $"The alias *{name} names no anchor defined before it (&{name}).");
                    expanded += size;
                    break;
                case NodeEvent { } node when current is SequenceStart or MappingStart:
                    if (open.Count >= MaxDepth)
                        throw At(current, file, $"The file nests deeper than {MaxDepth} levels here; a mapping file needs a handful.");
                    open.Push((node.Anchor.IsEmpty ? null : node.Anchor.Value, expanded));
                    expanded++;
                    break;
                case SequenceEnd or MappingEnd:
                    var (anchor, start) = open.Pop();
                    if (anchor is not null) anchors[anchor] = expanded - start;
                    break;
                case Scalar scalar:
                    expanded++;
                    if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = 1;
                    break;
            }
            if (expanded > MaxExpandedNodes)
                throw At(current, file,
                    $"The file's aliases expand to more than {MaxExpandedNodes:N0} values by here; a mapping file needs far fewer (write the mappings out).");
        }
    }

    private static ConfigurationException At(ParsingEvent at, string? file, string message) =>
        new(message, file, YamlSource.Line(at.Start), YamlSource.Column(at.Start));
}
