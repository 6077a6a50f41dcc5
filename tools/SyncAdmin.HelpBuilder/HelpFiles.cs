namespace SyncAdmin.HelpBuilder;

/// <summary>Where the help's sources and output live in the repository, and generating it.</summary>
public static class HelpFiles
{
    public static string ModuleDirectory(string root) => Path.Combine(root, "out", "SyncAdmin");
    public static string DocsDirectory(string root) => Path.Combine(root, "docs");
    public static string MamlPath(string root) => Path.Combine(root, "module", "en-US", "SyncAdmin.dll-Help.xml");

    /// <summary>The folder holding SyncAdmin.psd1, from <paramref name="start"/> upwards.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "SyncAdmin.psd1")) && Directory.Exists(Path.Combine(directory.FullName, "src")))
                return directory.FullName;
        throw new DirectoryNotFoundException($"No SyncAdmin repository (SyncAdmin.psd1) above {start}.");
    }

    public static IReadOnlyDictionary<string, HelpPage> ReadPages(string root) =>
        Directory.GetFiles(DocsDirectory(root), "*.md")
            .Select(f => HelpPage.Parse(File.ReadAllText(f)))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The MAML text for the built module and the docs; <paramref name="problems"/> lists missing help.</summary>
    public static string Generate(string root, out IReadOnlyList<string> problems)
    {
        using var surface = CmdletSurface.Load(ModuleDirectory(root));
        var pages = ReadPages(root);
        var found = new List<string>();
        foreach (var cmdlet in surface.Cmdlets)
        {
            if (!pages.TryGetValue(cmdlet.Name, out var page)) found.Add($"{cmdlet.Name}: docs/{cmdlet.Name}.md is missing.");
            else found.AddRange(page.Problems(cmdlet));
        }
        foreach (var page in pages.Keys.Where(p => surface.Cmdlets.All(c => c.Name != p)))
            found.Add($"docs/{page}.md documents a cmdlet the module does not have.");
        problems = found;
        return found.Count > 0 ? "" : MamlWriter.Write(surface.Cmdlets, pages);
    }
}
