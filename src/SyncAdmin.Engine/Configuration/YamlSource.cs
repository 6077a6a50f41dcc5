using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SyncAdmin.Engine.Configuration;

/// <summary>Turns the text of a mapping file into its single root node, reporting malformed YAML at its line and column.</summary>
internal static class YamlSource
{
    public static YamlNode? ReadRoot(string yaml, string? file)
    {
        // First the budget, on the event stream alone; only a file within it becomes a node tree.
        Parse(yaml, file, parser => YamlBudget.Check(yaml, parser, file));
        var stream = new YamlStream();
        Parse(yaml, file, stream.Load);

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigurationException(
                "A mapping file holds one YAML document; this is a second one (after '---').", file, Line(second.Start), Column(second.Start));
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static void Parse(string yaml, string? file, Action<IParser> read)
    {
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            read(parser);
        }
        catch (YamlException e)
        {
            throw Malformed(yaml, file, e, e.Start, parser);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this instead of a YamlException for some malformed input
            // (typically an unclosed '[' or '{' followed by more lines); name the best place we know.
            if (parser.InnermostOpenFlowCollection is { } open)
                throw new ConfigurationException($"The file is not valid YAML: the '{open.Bracket}' here is never closed.", file, Line(open.Start), Column(open.Start), e);
            throw new ConfigurationException(
                "The file is not valid YAML after this point.", file, Line(parser.LastGoodEnd), Column(parser.LastGoodEnd), e);
        }
    }

    /// <summary>Where a malformed file really goes wrong, in words an admin can act on: a tab used to indent (YAML
    /// indents with spaces), a bracket never closed, or else the parser's own place and reason.</summary>
    private static ConfigurationException Malformed(string yaml, string? file, YamlException e, Mark at, PositionTrackingParser parser)
    {
        // An error placed at the very start or the very end says nothing; the parser's last good place says more.
        var nowhere = at.Line <= 1 && at.Column <= 1 || at.Index >= yaml.TrimEnd().Length;
        var known = at.Line <= 1 && at.Column <= 1 && parser.LastGoodEnd.Line > 1 ? parser.LastGoodEnd : at;
        var lines = yaml.Split('\n');
        // The parser stops at the tab, or at the end of the line before it.
        var limit = Math.Min(lines.Length, Math.Max(Line(known), 1) + 1);
        for (var i = 0; i < limit; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
                return new ConfigurationException("A tab is used to indent this line; YAML indents with spaces only.", file, i + 1, tab + 1, e);
        }
        // An open bracket says where the fault is better than the end of the file does.
        if (parser.InnermostOpenFlowCollection is { } open && nowhere)
            return new ConfigurationException($"The file is not valid YAML: the '{open.Bracket}' here is never closed.", file, Line(open.Start), Column(open.Start), e);
        at = known;
        var reason = e.Message.StartsWith("(Line:", StringComparison.Ordinal) && e.Message.IndexOf("): ", StringComparison.Ordinal) is var i2 and > 0
            ? e.Message[(i2 + 3)..]
            : e.Message;
        return new ConfigurationException($"The file is not valid YAML: {reason}", file, Line(at), Column(at), e);
    }

    public static int Line(Mark mark) => (int)Math.Min(mark.Line, int.MaxValue);

    public static int Column(Mark mark) => (int)Math.Min(mark.Column, int.MaxValue);

    /// <summary>Remembers where the parser was, so an error YamlDotNet reports without a position still gets one.</summary>
    private sealed class PositionTrackingParser(IParser inner) : IParser
    {
        // Every open collection, innermost on top; block collections carry no bracket.
        private readonly Stack<(char? Bracket, Mark Start)> openCollections = new();

        public ParsingEvent? Current => inner.Current;

        public Mark LastGoodEnd { get; private set; } = Mark.Empty;

        public (char Bracket, Mark Start)? InnermostOpenFlowCollection =>
            openCollections.Where(c => c.Bracket is not null).Select(c => ((char)c.Bracket!, c.Start)).Cast<(char, Mark)?>().FirstOrDefault();

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            var current = inner.Current!;
            LastGoodEnd = current.End;
            switch (current)
            {
                case SequenceStart sequence:
                    openCollections.Push((sequence.Style == SequenceStyle.Flow ? '[' : null, current.Start));
                    break;
                case MappingStart mapping:
                    openCollections.Push((mapping.Style == MappingStyle.Flow ? '{' : null, current.Start));
                    break;
                case SequenceEnd or MappingEnd when openCollections.Count > 0:
                    openCollections.Pop();
                    break;
            }
            return true;
        }
    }
}
