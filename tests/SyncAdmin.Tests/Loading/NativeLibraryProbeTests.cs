using System.Runtime.InteropServices;
using SyncAdmin.Loading;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Loading;

/// <summary>The fallback probe, for hosts that cannot read the engine's .deps.json.</summary>
public class NativeLibraryProbeTests
{
    [Theory]
    [InlineData("linux-x64", "Linux", Architecture.X64, "linux-x64")]
    [InlineData("ubuntu.22.04-x64", "Linux", Architecture.X64, "ubuntu.22.04-x64,linux-x64")]
    [InlineData("linux-musl-arm64", "Linux", Architecture.Arm64, "linux-musl-arm64,linux-arm64")]
    [InlineData("alpine.3.19-x64", "Linux", Architecture.X64, "alpine.3.19-x64,linux-musl-x64,linux-x64")]
    [InlineData("win-x64", "Windows", Architecture.X64, "win-x64")]
    [InlineData("win10-x64", "Windows", Architecture.X64, "win10-x64,win-x64")]
    [InlineData("osx-arm64", "OSX", Architecture.Arm64, "osx-arm64")]
    public void Runtime_identifiers_go_from_the_process_own_to_the_portable_ones(string rid, string os, Architecture architecture, string expected) =>
        Assert.Equal(expected.Split(','), NativeLibraryProbe.RuntimeIdentifiersFor(rid, OSPlatform.Create(os.ToUpperInvariant()), architecture));

    [Fact]
    public void File_names_follow_each_platforms_convention()
    {
        Assert.Equal(new[] { "libe_sqlite3.so", "e_sqlite3.so", "e_sqlite3", "libe_sqlite3" },
            new NativeLibraryProbe("d", new[] { "linux-x64" }, OSPlatform.Linux).FileNames("e_sqlite3"));
        Assert.Equal(new[] { "e_sqlite3.dll", "e_sqlite3" }, new NativeLibraryProbe("d", new[] { "win-x64" }, OSPlatform.Windows).FileNames("e_sqlite3"));
        Assert.Equal(new[] { "Microsoft.Data.SqlClient.SNI.dll", "Microsoft.Data.SqlClient.SNI" },
            new NativeLibraryProbe("d", new[] { "win-x64" }, OSPlatform.Windows).FileNames("Microsoft.Data.SqlClient.SNI"));
        Assert.Contains("libe_sqlite3.dylib", new NativeLibraryProbe("d", new[] { "osx-arm64" }, OSPlatform.OSX).FileNames("e_sqlite3"));
    }

    [Theory]
    [InlineData("linux-x64", "Linux", "e_sqlite3", "libe_sqlite3.so")]
    [InlineData("osx-arm64", "OSX", "e_sqlite3", "libe_sqlite3.dylib")]
    [InlineData("win-x64", "Windows", "e_sqlite3", "e_sqlite3.dll")]
    [InlineData("win-arm64", "Windows", "Microsoft.Data.SqlClient.SNI.dll", "Microsoft.Data.SqlClient.SNI.dll")]
    public void The_probe_finds_each_platforms_library_in_the_laid_out_module(string rid, string os, string name, string file)
    {
        var probe = new NativeLibraryProbe(Repository.DependencyDirectory, new[] { "some-distro-x64", rid }, OSPlatform.Create(os.ToUpperInvariant()));
        Assert.Equal(Path.Combine(Repository.DependencyDirectory, "runtimes", rid, "native", file), probe.Find(name));
    }

    [Fact]
    public void A_library_the_module_does_not_ship_is_left_to_the_runtime() =>
        Assert.Null(NativeLibraryProbe.ForCurrentProcess(Repository.DependencyDirectory).Find("libdoesnotexist"));
}
