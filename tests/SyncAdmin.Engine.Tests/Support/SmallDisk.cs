using System.Diagnostics;

namespace SyncAdmin.Engine.Tests.Support;

/// <summary>A real, small file system (tmpfs of a given size) that fills up, for full-disk tests. Mounting needs root on
/// Linux; where that is not allowed the tests that need it show as skipped, saying why.</summary>
public sealed class SmallDisk : IDisposable
{
    public SmallDisk(int kilobytes)
    {
        Path = Directory.CreateTempSubdirectory("syncadmin-disk-").FullName;
        Run("mount", $"-t tmpfs -o size={kilobytes}k tmpfs {Path}");
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static string? WhyNot
    {
        get
        {
            if (!OperatingSystem.IsLinux()) return "Full-disk tests mount a tmpfs: Linux only.";
            try
            {
                using var probe = new SmallDisk(64);
                return null;
            }
            catch (Exception e)
            {
                return $"Full-disk tests mount a tmpfs, which this machine does not allow ({e.Message}).";
            }
        }
    }

    public void Dispose()
    {
        try { Run("umount", $"-l {Path}"); } catch (InvalidOperationException) { }
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
                            ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {arguments}: {error.Trim()}");
    }
}

/// <summary>A fact that needs <see cref="SmallDisk"/>; skipped with the reason where mounting is not allowed.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(() => SmallDisk.WhyNot);

    public SmallDiskFactAttribute()
    {
        if (Reason.Value is { } why) Skip = why;
    }
}
