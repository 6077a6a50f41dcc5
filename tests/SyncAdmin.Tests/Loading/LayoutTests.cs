using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Loading;

/// <summary>dotnet build lays out an importable module: cmdlets beside the manifest, the engine and every dependency only
/// under dependencies/ (so only the module's load context can load them), native libraries per platform.</summary>
public class LayoutTests
{
    private static string Module(params string[] parts) => Path.Combine(new[] { Repository.ModuleDirectory }.Concat(parts).ToArray());

    [Theory]
    [InlineData("SyncAdmin.psd1")]
    [InlineData("SyncAdmin.dll")]
    [InlineData("SyncAdmin.format.ps1xml")]
    [InlineData("en-US/SyncAdmin.dll-Help.xml")]
    [InlineData("en-US/about_SyncAdmin.help.txt")]
    [InlineData("dependencies/SyncAdmin.Engine.dll")]
    [InlineData("dependencies/SyncAdmin.Engine.deps.json")]
    [InlineData("dependencies/Microsoft.Data.Sqlite.dll")]
    [InlineData("dependencies/Microsoft.Data.SqlClient.dll")]
    [InlineData("dependencies/YamlDotNet.dll")]
    [InlineData("dependencies/SQLitePCLRaw.provider.e_sqlite3.dll")]
    [InlineData("dependencies/Microsoft.Data.SqlClient.Extensions.Abstractions.dll")]
    [InlineData("dependencies/Microsoft.Data.SqlClient.Internal.Logging.dll")]
    [InlineData("dependencies/runtimes/unix/lib/net8.0/Microsoft.Data.SqlClient.dll")]
    [InlineData("dependencies/runtimes/win/lib/net8.0/Microsoft.Data.SqlClient.dll")]
    public void The_module_folder_holds(string file) => Assert.True(File.Exists(Module(file.Split('/'))), $"missing {file}");

    /// <summary>What each platform PowerShell 7.4+ runs on needs natively: SQLite everywhere, and on Windows the SQL Server
    /// network interface (elsewhere SqlClient's managed one is used).</summary>
    [Theory]
    [InlineData("linux-x64", "libe_sqlite3.so")]
    [InlineData("linux-arm64", "libe_sqlite3.so")]
    [InlineData("linux-arm", "libe_sqlite3.so")]
    [InlineData("linux-musl-x64", "libe_sqlite3.so")]
    [InlineData("linux-musl-arm64", "libe_sqlite3.so")]
    [InlineData("osx-x64", "libe_sqlite3.dylib")]
    [InlineData("osx-arm64", "libe_sqlite3.dylib")]
    [InlineData("win-x64", "e_sqlite3.dll")]
    [InlineData("win-x86", "e_sqlite3.dll")]
    [InlineData("win-arm64", "e_sqlite3.dll")]
    [InlineData("win-x64", "Microsoft.Data.SqlClient.SNI.dll")]
    [InlineData("win-x86", "Microsoft.Data.SqlClient.SNI.dll")]
    [InlineData("win-arm64", "Microsoft.Data.SqlClient.SNI.dll")]
    public void Native_libraries_ship_per_platform(string rid, string file) =>
        Assert.True(File.Exists(Module("dependencies", "runtimes", rid, "native", file)), $"missing runtimes/{rid}/native/{file}");

    [Fact]
    public void The_engine_deps_file_resolves_every_native_library_it_names_to_a_file_that_shipped()
    {
        using var deps = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Module("dependencies", "SyncAdmin.Engine.deps.json")));
        var target = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var natives = target.EnumerateObject()
            .SelectMany(library => library.Value.TryGetProperty("runtimeTargets", out var runtimeTargets) ? runtimeTargets.EnumerateObject() : Enumerable.Empty<System.Text.Json.JsonProperty>())
            .Where(asset => asset.Value.GetProperty("assetType").GetString() == "native")
            .Select(asset => asset.Name)
            .ToList();
        Assert.NotEmpty(natives);
        Assert.All(natives, path => Assert.True(File.Exists(Module(new[] { "dependencies" }.Concat(path.Split('/')).ToArray())), $"missing {path}"));
    }

    [Fact]
    public void Only_the_cmdlet_assembly_sits_beside_the_manifest()
    {
        // Anything else here would be found by PowerShell's own probing and load into the default context, shared
        // with (and clashing with) other modules' versions.
        Assert.Equal(new[] { "SyncAdmin.dll" }, Directory.GetFiles(Repository.ModuleDirectory, "*.dll").Select(Path.GetFileName));
    }

    [Fact]
    public void PowerShell_itself_is_not_shipped()
    {
        Assert.Empty(Directory.GetFiles(Repository.ModuleDirectory, "System.Management.Automation.dll", SearchOption.AllDirectories));
    }
}
