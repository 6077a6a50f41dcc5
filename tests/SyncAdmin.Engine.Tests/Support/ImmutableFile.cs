using System.Diagnostics;

namespace SyncAdmin.Engine.Tests.Support;

/// <summary>Makes a file immutable (chattr +i) for a read-only-database test: root ignores mode bits, not this flag.
/// Where chattr is missing or not allowed, the tests that need it show as skipped, saying why.</summary>
public sealed class ImmutableFile : IDisposable
{
    private readonly string _path;

    public ImmutableFile(string path)
    {
        _path = path;
        Run("+i", path);
    }

    public void Dispose() => Run("-i", _path);

    public static string? WhyNot
    {
        get
        {
            if (!OperatingSystem.IsLinux()) return "Immutable-file tests use chattr: Linux only.";
            var probe = Path.GetTempFileName();
            try
            {
                using (new ImmutableFile(probe)) { }
                return null;
            }
            catch (Exception e)
            {
                return $"Immutable-file tests use chattr +i, which this machine does not allow ({e.Message}).";
            }
            finally
            {
                File.Delete(probe);
            }
        }
    }

    private static void Run(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", $"{flag} \"{path}\"") { RedirectStandardError = true, RedirectStandardOutput = true })
                            ?? throw new InvalidOperationException("chattr did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"chattr {flag}: {error.Trim()}");
    }
}

/// <summary>A fact that needs <see cref="ImmutableFile"/>.</summary>
public sealed class ImmutableFileFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(() => ImmutableFile.WhyNot);

    public ImmutableFileFactAttribute()
    {
        if (Reason.Value is { } why) Skip = why;
    }
}
