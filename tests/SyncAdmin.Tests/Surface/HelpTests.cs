using System.Xml.Linq;
using SyncAdmin.HelpBuilder;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Surface;

/// <summary>Get-Help's content: the MAML beside the DLL is generated from docs/&lt;Cmdlet&gt;.md and the metadata and is
/// current; every cmdlet has a synopsis, a description, every parameter described and at least one example.</summary>
[Collection(ModuleSurfaceCollection.Name)]
public class HelpTests(ModuleSurface module)
{
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";

    [Fact]
    public void Every_cmdlet_has_a_complete_markdown_page()
    {
        var pages = HelpFiles.ReadPages(Repository.Root);
        Assert.All(module.Cmdlets, c =>
        {
            Assert.True(pages.ContainsKey(c.Name), $"docs/{c.Name}.md is missing");
            Assert.Empty(pages[c.Name].Problems(c));
        });
        Assert.Equal(module.Cmdlets.Count, pages.Count);
    }

    [Fact]
    public void The_help_file_is_generated_from_the_docs_and_the_current_metadata()
    {
        var generated = HelpFiles.Generate(Repository.Root, out var problems);
        Assert.Empty(problems);
        var committed = File.ReadAllText(HelpFiles.MamlPath(Repository.Root));
        Assert.True(generated == committed,
            "module/en-US/SyncAdmin.dll-Help.xml is out of date: run dotnet run --project tools/SyncAdmin.HelpBuilder and commit the file.");
    }

    [Fact]
    public void The_module_ships_the_help_file_and_the_about_topic_in_its_en_US_folder()
    {
        var shipped = Path.Combine(Repository.ModuleDirectory, "en-US", "SyncAdmin.dll-Help.xml");
        Assert.Equal(File.ReadAllText(HelpFiles.MamlPath(Repository.Root)), File.ReadAllText(shipped));
        Assert.Contains("about_SyncAdmin", File.ReadAllText(Path.Combine(Repository.ModuleDirectory, "en-US", "about_SyncAdmin.help.txt")));
    }

    [Fact]
    public void Every_cmdlet_in_the_help_file_has_a_synopsis_described_parameters_and_an_example()
    {
        var commands = XDocument.Load(HelpFiles.MamlPath(Repository.Root)).Root!.Elements(Command + "command")
            .ToDictionary(c => c.Element(Command + "details")!.Element(Command + "name")!.Value);
        Assert.All(module.Cmdlets, cmdlet =>
        {
            var command = commands[cmdlet.Name];
            Assert.False(string.IsNullOrWhiteSpace(command.Element(Command + "details")!.Element(Maml + "description")!.Value));
            var parameters = command.Element(Command + "parameters")!.Elements(Command + "parameter")
                .ToDictionary(p => p.Element(Maml + "name")!.Value, p => p.Element(Maml + "description")!.Value);
            foreach (var parameter in cmdlet.Parameters) Assert.False(string.IsNullOrWhiteSpace(parameters[parameter.Name]), $"{cmdlet.Name} -{parameter.Name}");
            if (cmdlet.SupportsShouldProcess) Assert.Contains("WhatIf", parameters.Keys);
            var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
            Assert.NotEmpty(examples);
            Assert.Contains(examples, e => e.Element(XName.Get("code", "http://schemas.microsoft.com/maml/dev/2004/10"))!.Value.Contains(cmdlet.Name));
            Assert.Equal(cmdlet.ParameterSets.Count, command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").Count());
        });
    }
}
