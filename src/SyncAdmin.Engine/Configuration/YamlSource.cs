using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SyncAdmin.Engine.Configuration;

/// <summary>Turns the text of a mapping file into its single root node, reporting malformed YAML at its line and column.</summary>
internal static class YamlSource
{
    public static YamlNode? ReadRoot(string yaml, string? file)
    {
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"The file is not valid YAML: {e.Message}", file, Line(e.Start), Column(e.Start), e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this instead of a YamlException for some malformed input
            // (typically an unclosed '[' or '{' followed by more lines); name the best place we know.
            if (parser.InnermostOpenFlowCollection is { } open)
                throw new ConfigurationException(
                    $"The file is not valid YAML: the '{open.Bracket}' here is never closed.", file, Line(open.Start), Column(open.Start), e);
            throw new ConfigurationException(
                "The file is not valid YAML after this point.", file, Line(parser.LastGoodEnd), Column(parser.LastGoodEnd), e);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigurationException(
                "A mapping file holds one YAML document; this is a second one (after '---').", file, Line(second.Start), Column(second.Start));
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
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
