using System.Reflection;
using System.Runtime.Loader;

namespace SyncAdmin.Loading;

/// <summary>The module's own load context. The engine and everything it depends on (SqlClient, Sqlite, YamlDotNet,
/// SQLitePCLRaw) load here from the dependencies folder, so SyncAdmin works in a session where SqlServer, dbatools, Az or
/// powershell-yaml have loaded other versions of the same assemblies into the default context.
/// Assemblies and native libraries are found through the engine's .deps.json (which knows the runtimes/&lt;rid&gt; folders);
/// a plain probe of the folder is the fallback when a host cannot resolve a .deps.json.</summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    public const string EngineAssemblyName = "SyncAdmin.Engine";

    private readonly AssemblyDependencyResolver? _resolver;
    private readonly NativeLibraryProbe _probe;
    private readonly HashSet<string> _nativeLibraries = new();

    public ModuleLoadContext(string dependencyDirectory) : base("SyncAdmin", isCollectible: false)
    {
        DependencyDirectory = Path.GetFullPath(dependencyDirectory);
        _resolver = CreateResolver(Path.Combine(DependencyDirectory, EngineAssemblyName + ".dll"));
        _probe = NativeLibraryProbe.ForCurrentProcess(DependencyDirectory);
    }

    public string DependencyDirectory { get; }

    /// <summary>True when assemblies and native libraries are found through SyncAdmin.Engine.deps.json (the normal case);
    /// false when the host could not read it and the folder is probed instead.</summary>
    public bool UsesDependencyFile => _resolver is not null;

    /// <summary>Full paths of the native libraries this context has loaded (e_sqlite3, SNI), for diagnostics.</summary>
    public IReadOnlyList<string> NativeLibraries
    {
        get { lock (_nativeLibraries) return _nativeLibraries.Order().ToList(); }
    }

    public Assembly LoadEngine() => LoadFromAssemblyName(new AssemblyName(EngineAssemblyName));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = _resolver?.ResolveAssemblyToPath(assemblyName) ?? AppLocal(assemblyName);
        // Null hands the request to the default context: framework assemblies are shared, never loaded twice.
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName) ?? _probe.Find(unmanagedDllName);
        if (path is null) return IntPtr.Zero;
        var handle = LoadUnmanagedDllFromPath(path);
        lock (_nativeLibraries) _nativeLibraries.Add(path);
        return handle;
    }

    private string? AppLocal(AssemblyName name)
    {
        var path = Path.Combine(DependencyDirectory, name.Name + ".dll");
        return File.Exists(path) ? path : null;
    }

    private static AssemblyDependencyResolver? CreateResolver(string enginePath)
    {
        try
        {
            return new AssemblyDependencyResolver(enginePath);
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            // The host has no hostpolicy to read .deps.json with (rare custom hosts): probe the folder instead.
            return null;
        }
    }
}
