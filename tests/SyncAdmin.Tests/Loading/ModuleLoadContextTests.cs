using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using SyncAdmin.Loading;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Loading;

/// <summary>The module's load context, used as pwsh would use it, on the laid-out module: the engine and its dependencies
/// load from out/SyncAdmin/dependencies, and e_sqlite3 resolves from runtimes/&lt;rid&gt;/native there. This is the failure
/// ("libe_sqlite3: cannot open shared object file") a module usually meets at its first SQLite call.</summary>
public class ModuleLoadContextTests
{
    private static readonly Lazy<ModuleLoadContext> Context = new(() => new ModuleLoadContext(Repository.DependencyDirectory));

    private static string UnderDependencies(string path) => Path.GetRelativePath(Repository.DependencyDirectory, path);

    [Fact]
    public void The_engine_loads_in_the_module_context_and_not_in_the_default_one()
    {
        var engine = Context.Value.LoadEngine();
        Assert.Same(Context.Value, AssemblyLoadContext.GetLoadContext(engine));
        Assert.NotSame(typeof(SyncAdmin.Engine.SyncEngine).Assembly, engine);
        Assert.Equal(Path.Combine(Repository.DependencyDirectory, "SyncAdmin.Engine.dll"), engine.Location);
    }

    [Fact]
    public void A_store_opened_through_the_module_context_imports_a_mapping_file_and_synchronizes_on_real_SQLite_files()
    {
        using var sample = new SampleStore(openEngine: false);
        var engineAssembly = Context.Value.LoadEngine();
        var engineType = engineAssembly.GetType("SyncAdmin.Engine.SyncEngine", throwOnError: true)!;
        var requestType = engineAssembly.GetType("SyncAdmin.Engine.Sync.RunRequest", throwOnError: true)!;

        var engine = (IDisposable)engineType.GetMethod("Open")!.Invoke(null, new object?[] { sample.StorePath, null })!;
        List<object> jobs;
        try
        {
            engineType.GetMethod("ImportMappings")!.Invoke(engine, new object[] { sample.MappingFile, false, false });
            var run = (IEnumerable)engineType.GetMethod("Run")!.Invoke(engine, new[] { Activator.CreateInstance(requestType), null, CancellationToken.None })!;
            jobs = run.Cast<object>().ToList();
        }
        finally
        {
            engine.Dispose();
        }

        int Counter(object job, string name) => (int)job.GetType().GetProperty(name)!.GetValue(job)!;
        Assert.Equal(3, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("Succeeded", j.GetType().GetProperty("Status")!.GetValue(j)!.ToString()));
        Assert.Equal(2 + 3, jobs.Sum(j => Counter(j, "Inserted")));   // two currencies, three unblocked customers
    }

    [Fact]
    public void The_engines_dependencies_come_from_the_dependencies_folder()
    {
        using var sample = new SampleStore(openEngine: false);
        var engineType = Context.Value.LoadEngine().GetType("SyncAdmin.Engine.SyncEngine", throwOnError: true)!;
        ((IDisposable)engineType.GetMethod("Open")!.Invoke(null, new object?[] { sample.StorePath, null })!).Dispose();

        var loaded = Context.Value.Assemblies.ToDictionary(a => a.GetName().Name!, a => a.Location);
        foreach (var name in new[] { "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "SQLitePCLRaw.provider.e_sqlite3", "SQLitePCLRaw.batteries_v2" })
        {
            Assert.True(loaded.ContainsKey(name), $"{name} is not in the module context");
            Assert.False(UnderDependencies(loaded[name]).StartsWith("..", StringComparison.Ordinal), $"{name} came from {loaded[name]}");
        }
    }

    [Fact]
    public void e_sqlite3_resolves_from_the_modules_runtimes_folder()
    {
        using var sample = new SampleStore(openEngine: false);
        var engineType = Context.Value.LoadEngine().GetType("SyncAdmin.Engine.SyncEngine", throwOnError: true)!;
        ((IDisposable)engineType.GetMethod("Open")!.Invoke(null, new object?[] { sample.StorePath, null })!).Dispose();

        Assert.True(Context.Value.UsesDependencyFile);
        var native = Assert.Single(Context.Value.NativeLibraries, p => Path.GetFileName(p).Contains("e_sqlite3", StringComparison.Ordinal));
        var relative = UnderDependencies(native).Replace('\\', '/');
        Assert.StartsWith("runtimes/", relative);
        Assert.EndsWith("/native/" + Path.GetFileName(native), relative);
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            Assert.Equal("runtimes/linux-x64/native/libe_sqlite3.so", relative);
            Assert.Contains(native, File.ReadAllText("/proc/self/maps")); // the process really mapped that file
        }
    }

    [Fact]
    public void Only_the_engine_is_handed_from_the_default_context_to_the_module_context()
    {
        Assert.True(EngineResolution.IsEngine(new AssemblyName("SyncAdmin.Engine, Version=1.0.0.0")));
        Assert.False(EngineResolution.IsEngine(new AssemblyName("YamlDotNet")));
        Assert.False(EngineResolution.IsEngine(new AssemblyName("Microsoft.Data.SqlClient")));
        Assert.Null(EngineResolution.Resolve(AssemblyLoadContext.Default, new AssemblyName("YamlDotNet")));
    }
}
