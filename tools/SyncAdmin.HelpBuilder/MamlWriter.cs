using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace SyncAdmin.HelpBuilder;

/// <summary>Writes the MAML help file Get-Help reads for compiled cmdlets (the layout platyPS produces): prose from the
/// markdown pages, syntax and parameter attributes from the metadata, -WhatIf/-Confirm for ShouldProcess cmdlets.</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private sealed record Parameter(string Name, string TypeName, bool IsSwitch, bool Required, string Position, string PipelineInput,
        bool Globbing, string Aliases, IReadOnlyList<string> Description);

    public static string Write(IReadOnlyList<CmdletDefinition> cmdlets, IReadOnlyDictionary<string, HelpPage> pages)
    {
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                cmdlets.Select(c => CommandElement(c, pages[c.Name]))));
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings)) document.Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement CommandElement(CmdletDefinition cmdlet, HelpPage page) =>
        new(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(new[] { page.Synopsis })),
            Description(page.Description),
            new XElement(Command + "syntax",
                cmdlet.ParameterSets.Select(set => new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", cmdlet.Name),
                    Parameters(cmdlet, page, set).Select(ParameterElement)))),
            new XElement(Command + "parameters", Parameters(cmdlet, page, set: null).Select(ParameterElement)),
            new XElement(Command + "inputTypes", page.Inputs.Select(i => new XElement(Command + "inputType", TypeElement(i.TypeName), Description(i.Description)))),
            new XElement(Command + "returnValues", page.Outputs.Select(o => new XElement(Command + "returnValue", TypeElement(o.TypeName), Description(o.Description)))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(page.Notes))),
            new XElement(Command + "examples", page.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Command + "relatedLinks", page.RelatedLinks.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l), new XElement(Maml + "uri")))));

    /// <summary>The parameters of one set (syntax) or of the whole cmdlet (set null), ShouldProcess's last.</summary>
    private static IEnumerable<Parameter> Parameters(CmdletDefinition cmdlet, HelpPage page, string? set)
    {
        var parameters = set is null ? cmdlet.Parameters : cmdlet.ParametersIn(set);
        foreach (var p in parameters)
        {
            var entries = set is null ? p.Sets : new[] { p.In(set)! };
            var position = entries.Select(e => e.Position).FirstOrDefault(x => x is not null);
            var byValue = entries.Any(e => e.ValueFromPipeline);
            var byName = entries.Any(e => e.ValueFromPipelineByPropertyName);
            var pipeline = (byValue, byName) switch
            {
                (true, true) => "True (ByPropertyName, ByValue)",
                (true, false) => "True (ByValue)",
                (false, true) => "True (ByPropertyName)",
                _ => "False",
            };
            yield return new Parameter(p.Name, p.TypeName, p.IsSwitch, entries.All(e => e.Mandatory), position?.ToString() ?? "named",
                pipeline, p.SupportsWildcards, p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases),
                page.Parameters.TryGetValue(p.Name, out var text) ? text : Array.Empty<string>());
        }
        if (!cmdlet.SupportsShouldProcess) yield break;
        yield return new Parameter("WhatIf", "SwitchParameter", true, false, "named", "False", false, "wi",
            new[] { "Shows what would happen if the cmdlet runs. Nothing is changed." });
        yield return new Parameter("Confirm", "SwitchParameter", true, false, "named", "False", false, "cf",
            new[] { "Prompts you for confirmation before running the cmdlet. -Confirm:$false never prompts." });
    }

    private static XElement ParameterElement(Parameter p) =>
        new(Command + "parameter",
            new XAttribute("required", p.Required ? "true" : "false"),
            new XAttribute("variableLength", p.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", p.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", p.PipelineInput),
            new XAttribute("position", p.Position),
            new XAttribute("aliases", p.Aliases),
            new XElement(Maml + "name", p.Name),
            Description(p.Description),
            p.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"),
                new XAttribute("variableLength", "false"), p.TypeName),
            TypeElement(p.TypeName),
            new XElement(Dev + "defaultValue", p.IsSwitch ? "False" : "None"));

    private static XElement TypeElement(string name) => new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));
}
