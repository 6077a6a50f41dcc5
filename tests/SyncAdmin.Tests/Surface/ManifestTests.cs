using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Surface;

/// <summary>The top-level SyncAdmin.psd1 (Import-Module ./SyncAdmin.psd1 after building) and the installable manifest in
/// out/SyncAdmin export exactly the cmdlet classes, need PowerShell 7.4, and point at files the build laid out.</summary>
[Collection(ModuleSurfaceCollection.Name)]
public class ManifestTests(ModuleSurface module)
{
    private static readonly ModuleManifest TopLevel = new(Repository.File("SyncAdmin.psd1"));
    private static readonly ModuleManifest Installable = new(Path.Combine(Repository.ModuleDirectory, "SyncAdmin.psd1"));

    public static TheoryData<string> Manifests => new() { "top-level", "installable" };

    private static ModuleManifest Of(string which) => which == "top-level" ? TopLevel : Installable;

    [Theory]
    [MemberData(nameof(Manifests))]
    public void CmdletsToExport_is_exactly_the_cmdlet_classes(string which) =>
        Assert.Equal(module.Cmdlets.Select(c => c.Name).Order(), Of(which).List("CmdletsToExport")!.Order());

    [Theory]
    [MemberData(nameof(Manifests))]
    public void The_manifest_needs_PowerShell_7_4_Core_and_exports_nothing_else(string which)
    {
        var manifest = Of(which);
        Assert.Equal("7.4", manifest.Value("PowerShellVersion"));
        Assert.Equal(new[] { "Core" }, manifest.List("CompatiblePSEditions"));
        foreach (var key in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" }) Assert.Empty(manifest.List(key)!);
    }

    [Fact]
    public void Both_manifests_are_the_same_module_and_version_as_the_assembly()
    {
        Assert.Equal(TopLevel.Value("GUID"), Installable.Value("GUID"));
        Assert.Equal(TopLevel.Value("ModuleVersion"), Installable.Value("ModuleVersion"));
        var assemblyVersion = module.Surface.Module.GetName().Version!;
        Assert.Equal(Version.Parse(Installable.Value("ModuleVersion")!), new Version(assemblyVersion.Major, assemblyVersion.Minor, assemblyVersion.Build));
    }

    [Fact]
    public void The_installable_manifest_loads_the_cmdlet_assembly_and_the_views_beside_it()
    {
        Assert.Equal("SyncAdmin.dll", Installable.Value("RootModule"));
        Assert.Equal(new[] { "SyncAdmin.format.ps1xml" }, Installable.List("FormatsToProcess"));
        Assert.True(File.Exists(Path.Combine(Repository.ModuleDirectory, "SyncAdmin.dll")));
        Assert.True(File.Exists(Path.Combine(Repository.ModuleDirectory, "SyncAdmin.format.ps1xml")));
    }

    [Fact]
    public void The_top_level_manifest_nests_the_laid_out_module_so_help_and_views_resolve_from_its_folder()
    {
        Assert.Null(TopLevel.Value("RootModule"));
        var nested = Assert.Single(TopLevel.List("NestedModules")!);
        Assert.Equal("out/SyncAdmin/SyncAdmin.psd1", nested);
        Assert.True(File.Exists(Repository.File(nested.Split('/'))));
    }

    [Fact]
    public void The_laid_out_manifest_is_the_one_in_module()
    {
        Assert.Equal(File.ReadAllText(Repository.File("module", "SyncAdmin.psd1")), File.ReadAllText(Installable.Path));
    }
}
