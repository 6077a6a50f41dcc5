using System.Reflection;
using System.Runtime.Loader;

namespace SyncAdmin.Loading;

/// <summary>Hands SyncAdmin.Engine — and only it — from the default load context to the module's own context. The
/// cmdlets (default context) name engine types; everything the engine needs then resolves inside the module's context.
/// One context per process: a module that is removed and imported again must see the same engine types.</summary>
public static class EngineResolution
{
    private static readonly Lazy<ModuleLoadContext> Context = new(() => new ModuleLoadContext(DependencyDirectory));

    /// <summary>The dependencies folder beside SyncAdmin.dll.</summary>
    public static string DependencyDirectory =>
        Path.Combine(Path.GetDirectoryName(typeof(EngineResolution).Assembly.Location) ?? ".", "dependencies");

    public static ModuleLoadContext ModuleContext => Context.Value;

    public static Assembly? Resolve(AssemblyLoadContext requester, AssemblyName name) =>
        IsEngine(name) ? ModuleContext.LoadFromAssemblyName(name) : null;

    public static bool IsEngine(AssemblyName name) =>
        string.Equals(name.Name, ModuleLoadContext.EngineAssemblyName, StringComparison.OrdinalIgnoreCase);
}
