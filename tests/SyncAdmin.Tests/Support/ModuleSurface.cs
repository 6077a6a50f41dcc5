using SyncAdmin.HelpBuilder;

namespace SyncAdmin.Tests.Support;

/// <summary>The built module's cmdlets, read from its metadata once for all surface tests.</summary>
public sealed class ModuleSurface : IDisposable
{
    public ModuleSurface() => Surface = CmdletSurface.Load(Repository.ModuleDirectory);

    public CmdletSurface Surface { get; }

    public IReadOnlyList<CmdletDefinition> Cmdlets => Surface.Cmdlets;

    public CmdletDefinition Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    public void Dispose() => Surface.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ModuleSurfaceCollection : ICollectionFixture<ModuleSurface>
{
    public const string Name = "module surface";
}
