using System.Runtime.InteropServices;

namespace SyncAdmin.Loading;

/// <summary>Finds a native library such as e_sqlite3 under dependencies/runtimes/&lt;rid&gt;/native, trying the process's
/// runtime identifier and then the portable ones (linux-x64, linux-musl-x64, win-x64, osx-arm64, ...), with each
/// platform's file naming (libe_sqlite3.so, e_sqlite3.dll, libe_sqlite3.dylib).</summary>
public sealed class NativeLibraryProbe
{
    private readonly string _directory;

    public NativeLibraryProbe(string dependencyDirectory, IReadOnlyList<string> runtimeIdentifiers, OSPlatform platform)
    {
        _directory = dependencyDirectory;
        RuntimeIdentifiers = runtimeIdentifiers;
        Platform = platform;
    }

    public IReadOnlyList<string> RuntimeIdentifiers { get; }
    public OSPlatform Platform { get; }

    public static NativeLibraryProbe ForCurrentProcess(string dependencyDirectory)
    {
        var platform = OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;
        return new NativeLibraryProbe(dependencyDirectory,
            RuntimeIdentifiersFor(RuntimeInformation.RuntimeIdentifier, platform, RuntimeInformation.ProcessArchitecture), platform);
    }

    /// <summary>The process's own identifier first (it may be distro-specific, e.g. ubuntu.22.04-x64), then the portable
    /// identifiers NuGet packages ship natives for.</summary>
    public static IReadOnlyList<string> RuntimeIdentifiersFor(string processRid, OSPlatform platform, Architecture architecture)
    {
        var arch = architecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            _ => architecture.ToString().ToLowerInvariant(),
        };
        var rids = new List<string> { processRid };
        if (platform == OSPlatform.Windows) rids.Add($"win-{arch}");
        else if (platform == OSPlatform.OSX) rids.Add($"osx-{arch}");
        else
        {
            if (processRid.Contains("musl", StringComparison.OrdinalIgnoreCase) || processRid.StartsWith("alpine", StringComparison.OrdinalIgnoreCase))
                rids.Add($"linux-musl-{arch}");
            rids.Add($"linux-{arch}");
        }
        return rids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>File names a DllImport of <paramref name="name"/> may mean on the platform.</summary>
    public IEnumerable<string> FileNames(string name)
    {
        // "Microsoft.Data.SqlClient.SNI" has a dot but no file extension.
        var hasExtension = new[] { ".dll", ".so", ".dylib" }.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase))
                           || name.Contains(".so.", StringComparison.Ordinal);
        if (Platform == OSPlatform.Windows)
            return hasExtension ? new[] { name } : new[] { name + ".dll", name };
        var suffix = Platform == OSPlatform.OSX ? ".dylib" : ".so";
        var names = new List<string>();
        if (!hasExtension) names.AddRange(new[] { "lib" + name + suffix, name + suffix });
        names.AddRange(new[] { name, "lib" + name });
        return names;
    }

    public IEnumerable<string> Candidates(string name) =>
        from rid in RuntimeIdentifiers
        from file in FileNames(name)
        select Path.Combine(_directory, "runtimes", rid, "native", file);

    public string? Find(string name) => Candidates(name).FirstOrDefault(File.Exists);
}
