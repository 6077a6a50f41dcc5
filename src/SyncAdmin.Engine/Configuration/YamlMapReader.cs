using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SyncAdmin.Engine.Configuration;

/// <summary>Reads one YAML map of a mapping file (a <c>key: value</c> block or <c>{ … }</c>). It rejects keys it does not
/// know and values of the wrong kind at the offending node, so every message can send the admin to a line and column.</summary>
internal sealed class YamlMapReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries;
    private readonly string? file;
    // Prefixes value errors, so a message read away from the file (a log) still says which mapping or field it is about.
    private readonly string what;

    // False for a connection's map: any of its values may be (or hold) a secret, so messages never quote them.
    private bool quotesValues = true;

    private YamlMapReader(YamlMappingNode node, string what, string? file, Dictionary<string, (YamlScalarNode, YamlNode)> entries)
    {
        Node = node;
        this.what = Capitalise(what);
        this.file = file;
        this.entries = entries;
    }

    public YamlMappingNode Node { get; }

    /// <summary>Opens <paramref name="node"/> as a map that may hold only <paramref name="allowedKeys"/> (case-sensitive,
    /// as YAML keys are). <paramref name="what"/> names the thing in messages, e.g. "Mapping 'CUSTOMER'".</summary>
    public static YamlMapReader Open(YamlNode node, string what, string? file, IReadOnlyList<string> allowedKeys, bool quotesValues = true)
    {
        var reader = OpenAnyKeys(node, what, file);
        reader.quotesValues = quotesValues;
        foreach (var (key, keyNode, _) in reader.Entries)
        {
            if (allowedKeys.Contains(key, StringComparer.Ordinal)) continue;
            var sameButCase = allowedKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            var hint = sameButCase is null ? "" : $" Did you mean '{sameButCase}'? Keys are case-sensitive.";
            throw Error(keyNode, file, $"Unknown key '{key}' in {what}. Allowed keys: {string.Join(", ", allowedKeys)}.{hint}");
        }
        return reader;
    }

    /// <summary>Opens a map whose keys are names chosen by the admin (connections, filter columns).</summary>
    public static YamlMapReader OpenAnyKeys(YamlNode node, string what, string? file)
    {
        if (node is not YamlMappingNode map)
            throw Error(node, file, $"{Capitalise(what)} must be a map of 'key: value' entries, not {KindOf(node)}.");
        var entries = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
                throw Error(keyNode, file, $"Keys in {what} must be plain names, not {KindOf(keyNode)}.");
            if (!entries.TryAdd(key, (scalarKey, value)))
                throw Error(keyNode, file, $"Key '{key}' appears twice in {what}.");
        }
        return new YamlMapReader(map, what, file, entries);
    }

    /// <summary>Entries in file order.</summary>
    public IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries =>
        entries.OrderBy(e => e.Value.Key.Start.Index).Select(e => (e.Key, e.Value.Key, e.Value.Value));

    public bool Has(string key) => entries.ContainsKey(key);

    /// <summary>The value node, or null when the key is absent or its value is YAML null.</summary>
    public YamlNode? Value(string key) =>
        entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    public string? Text(string key) => Value(key) is { } node ? ScalarText(node, $"{what}: '{key}'", file) : null;

    public bool? Boolean(string key)
    {
        if (Value(key) is not { } node) return null;
        var text = ScalarText(node, $"{what}: '{key}'", file);
        if (bool.TryParse(text, out var value)) return value;
        throw Error(node, file, $"{what}: '{key}' must be true or false, not {Quoted(text)}.");
    }

    public int? Integer(string key)
    {
        if (Value(key) is not { } node) return null;
        var text = ScalarText(node, $"{what}: '{key}'", file);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        throw Error(node, file, $"{what}: '{key}' must be a whole number, not {Quoted(text)}.");
    }

    /// <summary>An enum value by name, ignoring case; numbers are refused (Enum.TryParse would accept them).</summary>
    public T? Choice<T>(string key, bool lowerCaseNames = false) where T : struct, Enum
    {
        if (Value(key) is not { } node) return null;
        var text = ScalarText(node, $"{what}: '{key}'", file)!.Trim();
        foreach (var name in Enum.GetNames<T>())
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                return Enum.Parse<T>(name);
        var names = Enum.GetNames<T>().Select(n => lowerCaseNames ? n.ToLowerInvariant() : n);
        throw Error(node, file, $"{what}: '{key}' must be one of {string.Join(", ", names)}, not {Quoted(text)}.");
    }

    public YamlMapReader? Map(string key, string what, IReadOnlyList<string> allowedKeys) =>
        Value(key) is { } node ? Open(node, what, file, allowedKeys) : null;

    public YamlMapReader? MapAnyKeys(string key, string what) =>
        Value(key) is { } node ? OpenAnyKeys(node, what, file) : null;

    /// <summary>The items of a list; an absent or null list is empty.</summary>
    public IReadOnlyList<YamlNode> List(string key, string example)
    {
        if (Value(key) is not { } node) return Array.Empty<YamlNode>();
        if (node is YamlSequenceNode sequence) return sequence.Children.ToList();
        throw Error(node, file, $"{what}: '{key}' must be a list, e.g. {example}, not {KindOf(node, quotesValues)}.");
    }

    /// <summary>The text of a single value; null for YAML null (<c>~</c>, <c>null</c>, nothing). Numbers and booleans stay as written.</summary>
    public static string? ScalarText(YamlNode node, string what, string? file)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode scalar) return scalar.Value ?? "";
        throw Error(node, file, $"{Capitalise(what)} must be a single value, not {KindOf(node, quotesValue: false)}.");
    }

    /// <summary>A value as an error may quote it: never a connection's, and never a secret (every value passes through
    /// the connection-string redaction, so a password written into any key, of any type, stays out of the message).</summary>
    private string Quoted(string? text) =>
        !quotesValues ? "the value given (not shown: a connection's values may hold secrets)" : $"'{ConnectionStringPlaceholders.Shown(text ?? "")}'";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar
        && (scalar.Tag is { IsGlobal: true, Value: "tag:yaml.org,2002:null" }
            || scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    public ConfigurationException Error(YamlNode node, string message) => Error(node, file, message);

    public static ConfigurationException Error(YamlNode node, string? file, string message) =>
        new(message, file, YamlSource.Line(node.Start), YamlSource.Column(node.Start));

    private static string KindOf(YamlNode node, bool quotesValue = true) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar when quotesValue => $"the value '{ConnectionStringPlaceholders.Shown(scalar.Value ?? "")}'",
        YamlScalarNode => "a single value",
        _ => "this",
    };

    private static string Capitalise(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
