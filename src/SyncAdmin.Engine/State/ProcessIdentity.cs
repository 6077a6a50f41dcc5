using System.Diagnostics;
using System.Globalization;

namespace SyncAdmin.Engine.State;

/// <summary>Who holds a lease, precisely enough to tell when that holder is provably dead: the machine (on Linux its boot
/// id and PID namespace, so two containers that share a host name and both run as PID 1 are told apart), the process id
/// and the process's start time (a reused pid is a different process).</summary>
public sealed record ProcessIdentity(string Machine, int ProcessId, DateTime StartedUtc)
{
    private static readonly Lazy<ProcessIdentity> CurrentValue = new(() =>
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessIdentity(MachineIdentity(), Environment.ProcessId, Truncate(self.StartTime.ToUniversalTime()));
    });

    public static ProcessIdentity Current => CurrentValue.Value;

    /// <summary>True only when this holder ran on this machine and its process is gone (no such pid, or a pid that now
    /// belongs to a process started at another time). A holder on another machine is never provably dead.</summary>
    public bool IsProvablyDead()
    {
        if (Machine != Current.Machine) return false;
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return Truncate(process.StartTime.ToUniversalTime()) != StartedUtc;
        }
        catch (ArgumentException)
        {
            return true; // no process with that id
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false; // it exists but cannot be inspected: not provably dead
        }
    }

    public override string ToString() =>
        $"{Machine.Split('|')[0]} (process {ProcessId}, started {StartedUtc.ToString("u", CultureInfo.InvariantCulture)})";

    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static string MachineIdentity()
    {
        var host = Environment.MachineName;
        if (OperatingSystem.IsLinux())
        {
            var boot = Read("/proc/sys/kernel/random/boot_id");
            var pidNamespace = Link("/proc/self/ns/pid");
            if (boot is not null) return $"{host}|boot {boot}|{pidNamespace}";
        }
        // Elsewhere the boot time (to the minute) stands for the boot id.
        var booted = DateTime.UtcNow - TimeSpan.FromMilliseconds(Environment.TickCount64);
        return $"{host}|booted {booted:yyyy-MM-dd'T'HH:mm}";
    }

    private static string? Read(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string? Link(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
