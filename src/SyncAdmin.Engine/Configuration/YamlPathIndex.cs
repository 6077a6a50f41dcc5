using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SyncAdmin.Engine.Configuration;

/// <summary>Every node of a mapping file by its path (<c>mappings[0].fields[2].integrationField</c>), so a rule violation,
/// which knows only a path, can be reported at a line and column. A path that does not exist (a missing key) is placed
/// at its nearest existing parent, i.e. the map the key is missing from.</summary>
internal sealed class YamlPathIndex
{
    private readonly Dictionary<string, YamlNode> nodes = new(StringComparer.Ordinal);

    public YamlPathIndex(YamlNode root) => Add(root, "");

    public Mark? Locate(string path)
    {
        while (true)
        {
            if (nodes.TryGetValue(path, out var node)) return node.Start;
            if (path.Length == 0) return null;
            path = Parent(path);
        }
    }

    public static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    private static string Parent(string path)
    {
        var cut = path.EndsWith(']') ? path.LastIndexOf('[') : path.LastIndexOf('.');
        return cut <= 0 ? "" : path[..cut];
    }

    private void Add(YamlNode node, string path)
    {
        nodes.TryAdd(path, node);
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                    if (key is YamlScalarNode { Value: { } name })
                        Add(value, Join(path, name));
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                    Add(sequence.Children[i], $"{path}[{i}]");
                break;
        }
    }
}
